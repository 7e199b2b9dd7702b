import { describe, expect, it } from "vitest";
import { regionCommands } from "@/lib/endpoints";
import { regionalHosts, registry } from "../fixtures";

describe("regionCommands", () => {
  it.each([
    { name: "off", reg: registry(), repo: undefined, tag: undefined, expected: [] },
    {
      name: "not available",
      reg: registry({ sku: "Standard", regionalEndpoints: "NotAvailable" }),
      repo: undefined,
      tag: undefined,
      expected: [],
    },
    {
      name: "on, placeholders",
      reg: registry({
        regionalEndpoints: "Enabled",
        regionalEndpointHostNames: regionalHosts.slice(0, 2),
      }),
      repo: undefined,
      tag: undefined,
      expected: [
        {
          region: "westeurope",
          host: "contosoprod.westeurope.geo.azurecr.io",
          login: "az acr login --name contosoprod --endpoint westeurope",
          pull: "docker pull contosoprod.westeurope.geo.azurecr.io/<repository>:<tag>",
        },
        {
          region: "eastus",
          host: "contosoprod.eastus.geo.azurecr.io",
          login: "az acr login --name contosoprod --endpoint eastus",
          pull: "docker pull contosoprod.eastus.geo.azurecr.io/<repository>:<tag>",
        },
      ],
    },
    {
      name: "on, with repository and tag (trimmed)",
      reg: registry({
        regionalEndpoints: "Enabled",
        regionalEndpointHostNames: regionalHosts.slice(1, 2),
      }),
      repo: " team/api ",
      tag: "1.4.2",
      expected: [
        {
          region: "eastus",
          host: "contosoprod.eastus.geo.azurecr.io",
          login: "az acr login --name contosoprod --endpoint eastus",
          pull: "docker pull contosoprod.eastus.geo.azurecr.io/team/api:1.4.2",
        },
      ],
    },
  ])("$name", ({ reg, repo, tag, expected }) => {
    expect(regionCommands(reg, repo, tag)).toEqual(expected);
  });
});
