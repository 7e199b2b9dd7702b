import "server-only";
import type { FleetRegistry, FleetReplica } from "../../fleet/shared/types";
import type { Registry, Replica } from "../../types";

const regionOfHost = (host: string) => (host.split(".")[1] ?? "").toLowerCase();

/** A replica ARM returned, with its endpoints from the registry ARM returned. */
export function fleetReplicaFromArm(registry: Registry, replica: Replica): FleetReplica {
  const regional =
    registry.regionalEndpoints === "Enabled"
      ? (registry.regionalEndpointHostNames.find((h) => regionOfHost(h) === replica.region) ?? null)
      : null;
  const data = registry.dataEndpointEnabled
    ? (registry.dataEndpointHostNames.find((h) => regionOfHost(h) === replica.region) ?? null)
    : null;
  return {
    id: replica.id,
    name: replica.name,
    region: replica.region,
    isHome: replica.isHome,
    provisioningState: replica.provisioningState,
    status: { ...replica.status },
    globalEndpointRouting: replica.globalEndpointRouting,
    regionalEndpoint: regional,
    dataEndpoint: data,
  };
}

/** A registry and its replicas as ARM returned them (the preview api-version carries everything). */
export function fleetRegistryFromArm(
  registry: Registry,
  replicas: readonly Replica[],
  asOf: string,
): FleetRegistry {
  return {
    id: registry.id,
    subscriptionId: registry.subscriptionId,
    resourceGroup: registry.resourceGroup,
    name: registry.name,
    location: registry.location,
    sku: registry.sku,
    loginServer: registry.loginServer,
    provisioningState: registry.provisioningState,
    regionalEndpoints: registry.regionalEndpoints,
    dataEndpointEnabled: registry.dataEndpointEnabled,
    replicas: replicas.map((r) => fleetReplicaFromArm(registry, r)),
    source: "arm",
    asOf,
  };
}
