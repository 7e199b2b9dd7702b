import { describe, expect, it } from "vitest";
import { endpointsCsv, exportFileName, showEndpoints, showEndpointsJson } from "@/lib/endpoints";
import { dataHosts, regionalHosts, registry, replica, threeReplicas } from "../fixtures";

describe("showEndpoints (az acr show-endpoints shape)", () => {
  it.each([
    {
      name: "regional off, no dedicated data endpoints: wildcard per replica, no regionalEndpoints key",
      registry: registry(),
      replicas: threeReplicas,
      expected: {
        loginServer: "contosoprod.azurecr.io",
        dataEndpoints: [
          { region: "westeurope", endpoint: "*.blob.core.windows.net" },
          { region: "eastus", endpoint: "*.blob.core.windows.net" },
          { region: "southeastasia", endpoint: "*.blob.core.windows.net" },
        ],
      },
    },
    {
      name: "both on",
      registry: registry({
        regionalEndpoints: "Enabled",
        regionalEndpointHostNames: regionalHosts,
        dataEndpointEnabled: true,
        dataEndpointHostNames: dataHosts,
      }),
      replicas: threeReplicas,
      expected: {
        loginServer: "contosoprod.azurecr.io",
        dataEndpoints: dataHosts.map((h) => ({ region: h.split(".")[1], endpoint: h })),
        regionalEndpoints: regionalHosts.map((h) => ({ region: h.split(".")[1], endpoint: h })),
      },
    },
    {
      name: "no replicas: the registry location",
      registry: registry({ sku: "Basic", regionalEndpoints: "NotAvailable", location: "eastus" }),
      replicas: [],
      expected: {
        loginServer: "contosoprod.azurecr.io",
        dataEndpoints: [{ region: "eastus", endpoint: "*.blob.core.windows.net" }],
      },
    },
  ])("$name", ({ registry, replicas, expected }) => {
    const output = showEndpoints(registry, replicas);
    expect(output).toStrictEqual(expected);
    expect(Object.keys(output)).toEqual(Object.keys(expected));
    expect(JSON.parse(showEndpointsJson(registry, replicas))).toStrictEqual(expected);
  });
});

describe("endpointsCsv", () => {
  it("has a header and one line per endpoint, CRLF-terminated", () => {
    const csv = endpointsCsv(
      registry({
        regionalEndpoints: "Enabled",
        regionalEndpointHostNames: regionalHosts.slice(0, 1),
      }),
      [replica("westeurope")],
    );
    expect(csv).toBe(
      [
        "kind,region,endpoint",
        "global,,contosoprod.azurecr.io",
        "regional,westeurope,contosoprod.westeurope.geo.azurecr.io",
        "data,westeurope,*.blob.core.windows.net",
        "",
      ].join("\r\n"),
    );
  });

  it("quotes fields that need it", () => {
    const csv = endpointsCsv(registry({ loginServer: 'we,ird"host' }), [replica("westeurope")]);
    expect(csv.split("\r\n")[1]).toBe('global,,"we,ird""host"');
  });

  it("names files after the registry", () => {
    expect(exportFileName("contosoprod", "json")).toBe("contosoprod-endpoints.json");
    expect(exportFileName("contosoprod", "csv")).toBe("contosoprod-endpoints.csv");
  });
});
