import type { EndpointHealth, FleetRegistry, FleetReplica } from "@/lib/fleet/shared/types";

export const SUB = "00000000-0000-0000-0000-000000000001";
export const NOW = Date.parse("2026-12-05T12:00:00Z");

export function fleetReplica(region: string, over: Partial<FleetReplica> = {}): FleetReplica {
  return {
    id: `/subscriptions/${SUB}/resourceGroups/rg-prod/providers/Microsoft.ContainerRegistry/registries/contosoprod/replications/${region}`,
    name: region,
    region,
    isHome: region === "eastus",
    provisioningState: "Succeeded",
    status: { displayStatus: "Ready", timestamp: "2026-11-01T00:00:00Z" },
    globalEndpointRouting: true,
    regionalEndpoint: null,
    dataEndpoint: null,
    ...over,
  };
}

export function fleetRegistry(over: Partial<FleetRegistry> = {}): FleetRegistry {
  const name = over.name ?? "contosoprod";
  return {
    id: `/subscriptions/${SUB}/resourceGroups/rg-prod/providers/Microsoft.ContainerRegistry/registries/${name}`,
    subscriptionId: SUB,
    resourceGroup: "rg-prod",
    name,
    location: "eastus",
    sku: "Premium",
    loginServer: `${name}.azurecr.io`,
    provisioningState: "Succeeded",
    regionalEndpoints: "Disabled",
    dataEndpointEnabled: false,
    replicas: [fleetReplica("eastus"), fleetReplica("westeurope")],
    source: "resource-graph",
    asOf: new Date(NOW).toISOString(),
    ...over,
  };
}

export function health(host: string, over: Partial<EndpointHealth> = {}): EndpointHealth {
  return {
    host,
    kind: "global",
    region: null,
    verdict: "ok",
    status: 401,
    at: new Date(NOW - 10_000).toISOString(),
    ttfbMs: 80,
    baselineMs: 80,
    slow: false,
    since: new Date(NOW - 3_600_000).toISOString(),
    ...over,
  };
}
