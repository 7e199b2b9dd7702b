import { describe, expect, it } from "vitest";
import { targetsFromRegistry } from "@/lib/probe/shared/targets";
import type { Registry } from "@/lib/types";

const base: Registry = {
  id: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/contoso",
  subscriptionId: "s",
  resourceGroup: "rg",
  name: "contoso",
  location: "eastus",
  sku: "Premium",
  loginServer: "contoso.azurecr.io",
  provisioningState: "Succeeded",
  regionalEndpoints: "Disabled",
  regionalEndpointHostNames: [],
  dataEndpointEnabled: false,
  dataEndpointHostNames: [],
  contentTrustEnabled: false,
  publicNetworkAccess: "Enabled",
  tags: {},
};

describe("targetsFromRegistry", () => {
  it.each([
    {
      name: "global only, no wildcard data row",
      registry: base,
      hosts: ["contoso.azurecr.io"],
    },
    {
      name: "regional hosts while enabled, with their regions",
      registry: {
        ...base,
        regionalEndpoints: "Enabled" as const,
        regionalEndpointHostNames: [
          "contoso.eastus.geo.azurecr.io",
          "contoso.japaneast.geo.azurecr.io",
        ],
      },
      hosts: [
        "contoso.azurecr.io",
        "contoso.eastus.geo.azurecr.io",
        "contoso.japaneast.geo.azurecr.io",
      ],
    },
    {
      name: "no regional hosts while disabled, even if ARM still lists some",
      registry: { ...base, regionalEndpointHostNames: ["contoso.eastus.geo.azurecr.io"] },
      hosts: ["contoso.azurecr.io"],
    },
    {
      name: "dedicated data hosts",
      registry: {
        ...base,
        dataEndpointEnabled: true,
        dataEndpointHostNames: ["contoso.eastus.data.azurecr.io"],
      },
      hosts: ["contoso.azurecr.io", "contoso.eastus.data.azurecr.io"],
    },
  ])("$name", ({ registry, hosts }) => {
    const targets = targetsFromRegistry(registry);
    expect(targets.map((t) => t.host)).toEqual(hosts);
    for (const t of targets.slice(1)) expect(t.region).toBe(t.host.split(".")[1]);
    expect(targets[0]).toMatchObject({ kind: "global", region: null });
  });
});
