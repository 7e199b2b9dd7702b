import type { Registry, Replica } from "@/lib/types";

/** A Premium registry with three replicas, regional endpoints off, no dedicated data endpoints. */
export function registry(overrides: Partial<Registry> = {}): Registry {
  return {
    id: "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-prod/providers/Microsoft.ContainerRegistry/registries/contosoprod",
    subscriptionId: "00000000-0000-0000-0000-000000000001",
    resourceGroup: "rg-prod",
    name: "contosoprod",
    location: "westeurope",
    sku: "Premium",
    loginServer: "contosoprod.azurecr.io",
    provisioningState: "Succeeded",
    regionalEndpoints: "Disabled",
    regionalEndpointHostNames: [],
    dataEndpointEnabled: false,
    dataEndpointHostNames: [],
    contentTrustEnabled: false,
    publicNetworkAccess: "Enabled",
    tags: {},
    replicaCount: 3,
    ...overrides,
  };
}

export function replica(region: string, overrides: Partial<Replica> = {}): Replica {
  return {
    id: `/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-prod/providers/Microsoft.ContainerRegistry/registries/contosoprod/replications/${region}`,
    name: region,
    region,
    isHome: region === "westeurope",
    provisioningState: "Succeeded",
    status: { displayStatus: "Ready", message: "", timestamp: "2026-01-02T03:04:05Z" },
    zoneRedundancy: "Disabled",
    globalEndpointRouting: true,
    ...overrides,
  };
}

export const threeReplicas = [replica("westeurope"), replica("eastus"), replica("southeastasia")];

/** Host names as ARM lists them for contosoprod when both features are on. */
export const regionalHosts = [
  "contosoprod.westeurope.geo.azurecr.io",
  "contosoprod.eastus.geo.azurecr.io",
  "contosoprod.southeastasia.geo.azurecr.io",
];
export const dataHosts = [
  "contosoprod.westeurope.data.azurecr.io",
  "contosoprod.eastus.data.azurecr.io",
  "contosoprod.southeastasia.data.azurecr.io",
];
