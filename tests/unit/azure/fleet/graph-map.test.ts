import { describe, expect, it } from "vitest";
import { fleetFromGraphRows } from "@/lib/azure/fleet/graph-map";

const SUB = "6b1f3e2a-4c5d-4e8f-9a0b-1c2d3e4f5a60";
const id = (name: string) =>
  `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/${name}`;
const registryRow = (name: string, over: Record<string, unknown> = {}) => ({
  id: id(name),
  name,
  type: "microsoft.containerregistry/registries",
  location: "eastus",
  resourceGroup: "rg",
  subscriptionId: SUB,
  sku: "Premium",
  loginServer: `${name}.azurecr.io`,
  provisioningState: "Succeeded",
  dataEndpointEnabled: false,
  dataEndpointHostNames: [],
  regionalEndpoints: null,
  regionalEndpointHostNames: null,
  status: null,
  regionEndpointEnabled: null,
  ...over,
});
const replicaRow = (registry: string, region: string, over: Record<string, unknown> = {}) => ({
  id: `${id(registry)}/replications/${region}`,
  name: region,
  type: "microsoft.containerregistry/registries/replications",
  location: region,
  resourceGroup: "rg",
  subscriptionId: SUB,
  provisioningState: "Succeeded",
  status: { displayStatus: "Ready", timestamp: "2026-11-20T08:15:02Z" },
  regionEndpointEnabled: true,
  ...over,
});

describe("Resource Graph rows as the fleet", () => {
  const fleet = fleetFromGraphRows(
    [
      registryRow("alpha", {
        dataEndpointEnabled: true,
        dataEndpointHostNames: ["alpha.eastus.data.azurecr.io", "alpha.westeurope.data.azurecr.io"],
      }),
      replicaRow("alpha", "westeurope", {
        regionEndpointEnabled: false,
        provisioningState: "Failed",
      }),
      replicaRow("alpha", "eastus"),
      registryRow("beta", {
        regionalEndpoints: "Enabled",
        regionalEndpointHostNames: ["beta.eastus.geo.azurecr.io"],
      }),
      replicaRow("beta", "eastus"),
      registryRow("gamma", { sku: "Standard" }),
      replicaRow("orphan", "eastus"),
    ],
    "2026-12-05T12:00:00.000Z",
  );
  const [alpha, beta, gamma] = fleet;

  it("groups replicas under their registry, home first, and drops orphans", () => {
    expect(fleet.map((r) => [r.name, r.replicas.map((x) => x.region)])).toEqual([
      ["alpha", ["eastus", "westeurope"]],
      ["beta", ["eastus"]],
      ["gamma", []],
    ]);
    expect(alpha?.replicas[0]?.isHome).toBe(true);
    expect(alpha?.source).toBe("resource-graph");
    expect(alpha?.asOf).toBe("2026-12-05T12:00:00.000Z");
  });

  it("maps state, routing and the data endpoints by region", () => {
    expect(alpha?.replicas[1]).toMatchObject({
      region: "westeurope",
      provisioningState: "Failed",
      globalEndpointRouting: false,
      dataEndpoint: "alpha.westeurope.data.azurecr.io",
    });
    expect(alpha?.replicas[0]?.status).toEqual({
      displayStatus: "Ready",
      timestamp: "2026-11-20T08:15:02Z",
    });
  });

  it("shows regional endpoints Resource Graph does not carry as unknown, not off", () => {
    expect(alpha?.regionalEndpoints).toBe("Unknown");
    expect(alpha?.replicas[0]?.regionalEndpoint).toBeUndefined();
    expect(beta?.regionalEndpoints).toBe("Enabled");
    expect(beta?.replicas[0]?.regionalEndpoint).toBe("beta.eastus.geo.azurecr.io");
    expect(gamma?.regionalEndpoints).toBe("NotAvailable");
  });
});
