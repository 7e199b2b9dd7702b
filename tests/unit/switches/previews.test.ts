import { describe, expect, it } from "vitest";
import {
  globalRoutingCommand,
  legacyGlobalRoutingCommand,
  regionalEndpointsCommand,
} from "@/lib/switches/cli";
import { globalRoutingPreview } from "@/lib/switches/global-routing";
import { expectedRegionalHost, regionalEndpointsPreview } from "@/lib/switches/regional-endpoints";
import { regionalHosts, registry, replica, threeReplicas } from "@/tests/unit/fixtures";

describe("CLI equivalents", () => {
  it.each([
    [
      regionalEndpointsCommand("contosoprod", true),
      "az acr update -n contosoprod --regional-endpoints enabled",
    ],
    [
      regionalEndpointsCommand("contosoprod", false),
      "az acr update -n contosoprod --regional-endpoints disabled",
    ],
    [
      globalRoutingCommand("contosoprod", "eastus", false),
      "az acr replication update -r contosoprod -n eastus --global-endpoint-routing false",
    ],
    [
      globalRoutingCommand("contosoprod", "eastus", true),
      "az acr replication update -r contosoprod -n eastus --global-endpoint-routing true",
    ],
    [
      legacyGlobalRoutingCommand("contosoprod", "eastus", false),
      "az acr replication update -r contosoprod -n eastus --region-endpoint-enabled false",
    ],
  ])("%s", (command, expected) => {
    expect(command).toBe(expected);
  });
});

describe("regional endpoints preview", () => {
  it.each([
    ["contosoprod.azurecr.io", "eastus", "contosoprod.eastus.geo.azurecr.io"],
    [
      "contosoweb-d7ahbgchb9e6f0h4.azurecr.io",
      "uksouth",
      "contosoweb-d7ahbgchb9e6f0h4.uksouth.geo.azurecr.io",
    ],
    ["ContosoCN.azurecr.cn", "chinanorth3", "contosocn.chinanorth3.geo.azurecr.cn"],
  ])("expected host for %s in %s", (loginServer, region, expected) => {
    expect(expectedRegionalHost(loginServer, region)).toBe(expected);
  });

  it("turning on: the names are labelled expected, one per replica, with the pattern", () => {
    const preview = regionalEndpointsPreview(registry(), threeReplicas, true);
    expect(preview.hostNames).toEqual({
      source: "expected",
      pattern: "contosoprod.<region>.geo.azurecr.io",
      hosts: [
        { region: "westeurope", host: "contosoprod.westeurope.geo.azurecr.io" },
        { region: "eastus", host: "contosoprod.eastus.geo.azurecr.io" },
        { region: "southeastasia", host: "contosoprod.southeastasia.geo.azurecr.io" },
      ],
    });
    expect(preview).toMatchObject({
      command: "az acr update -n contosoprod --regional-endpoints enabled",
      property: "properties.regionalEndpoints",
      value: "Enabled",
      apiVersion: "2026-01-01-preview",
    });
    expect(preview.effects.join(" ")).toMatch(/one login server per replica \(3\)/);
    expect(preview.effects.join(" ")).toMatch(/names ARM returns once the change is done/);
  });

  it("turning off: the names exactly as ARM lists them, and that pinned workloads stop resolving", () => {
    // ARM's list, deliberately not what the pattern would give, proves nothing is rebuilt.
    const listed = ["contosoprod-x1.eastus.geo.azurecr.io", ...regionalHosts.slice(0, 1)];
    const preview = regionalEndpointsPreview(
      registry({ regionalEndpoints: "Enabled", regionalEndpointHostNames: listed }),
      threeReplicas,
      false,
    );
    expect(preview.hostNames).toEqual({
      source: "listed",
      hosts: [
        { region: "eastus", host: "contosoprod-x1.eastus.geo.azurecr.io" },
        { region: "westeurope", host: "contosoprod.westeurope.geo.azurecr.io" },
      ],
    });
    expect(preview.value).toBe("Disabled");
    expect(preview.command).toBe("az acr update -n contosoprod --regional-endpoints disabled");
    expect(preview.effects.join(" ")).toMatch(/stop resolving/);
  });
});

describe("global endpoint routing preview", () => {
  const on = registry({ regionalEndpoints: "Enabled", regionalEndpointHostNames: regionalHosts });
  const fleet = [
    replica("westeurope"),
    replica("eastus"),
    replica("southeastasia", { globalEndpointRouting: false }),
  ];

  it.each([
    [
      "excluding eastus",
      on,
      "eastus",
      false,
      ["westeurope"],
      "contosoprod.eastus.geo.azurecr.io",
      /keeps working/,
    ],
    [
      "excluding eastus, regional endpoints off",
      registry(),
      "eastus",
      false,
      ["westeurope"],
      null,
      /no login server reaches this replica/,
    ],
    [
      "including southeastasia",
      on,
      "southeastasia",
      true,
      ["westeurope", "eastus", "southeastasia"],
      "contosoprod.southeastasia.geo.azurecr.io",
      /again/,
    ],
  ])("%s", (_name, reg, region, value, serving, regionalHost, effect) => {
    const preview = globalRoutingPreview(reg, fleet, region, value);
    expect(preview.servingAfter).toEqual(serving);
    expect(preview.regionalHost).toBe(regionalHost);
    expect(preview.effects.join(" ")).toMatch(effect);
    expect(preview.effects.join(" ")).toMatch(/cached DNS/);
    expect(preview).toMatchObject({
      property: "properties.regionEndpointEnabled",
      value,
      command: `az acr replication update -r contosoprod -n ${region} --global-endpoint-routing ${value}`,
      legacyCommand: `az acr replication update -r contosoprod -n ${region} --region-endpoint-enabled ${value}`,
    });
  });

  it("says the excluded replica keeps syncing", () => {
    const preview = globalRoutingPreview(on, fleet, "eastus", false);
    expect(preview.effects.join(" ")).toMatch(/eastus keeps syncing/);
  });
});
