import { replicaStatus } from "./attention";
import { formatAvailability, replicaKey } from "./availability";
import type { EndpointHealth, FleetRegistry, FleetReplica, ReplicaAvailability } from "./types";

/** One replica as the Replica health grid and the exports show it. */
export interface ReplicaRow {
  subscriptionId: string;
  resourceGroup: string;
  registry: string;
  sku: string;
  region: string;
  home: boolean;
  provisioningState: string;
  status: string;
  /** "On" or "Off". */
  globalEndpointRouting: string;
  /** The regional endpoint host, "Off", or "Unknown" when the source does not carry it. */
  regionalEndpoint: string;
  /** Last probe of the replica's own endpoint (regional, else data): verdict, "slow", or "Not probed". */
  lastProbe: string;
  /** TTFB of that probe in ms, or "" when nothing answered. */
  lastProbeMs: string;
  /** Percent of ok probes of the replica's endpoints over 24 h (worst vantage), or "No data". */
  availability24h: string;
  /** The vantage that figure is from, "" without figures. */
  availabilityVantage: string;
}

/** The sweep's last word on a replica's own endpoint: its regional one, else its data one. */
export function replicaHealth(
  replica: FleetReplica,
  byHost: ReadonlyMap<string, EndpointHealth>,
): EndpointHealth | null {
  for (const host of [replica.regionalEndpoint, replica.dataEndpoint]) {
    const h = host ? byHost.get(host.toLowerCase()) : undefined;
    if (h) return h;
  }
  return null;
}

/** The probe column's text for a health record. */
export function probeLabel(health: EndpointHealth | null): string {
  if (!health) return "Not probed";
  if (health.verdict === "ok" && health.slow) return "slow";
  return health.verdict;
}

export function regionalEndpointLabel(replica: FleetReplica): string {
  if (replica.regionalEndpoint === undefined) return "Unknown";
  return replica.regionalEndpoint ?? "Off";
}

export function replicaRow(
  registry: FleetRegistry,
  replica: FleetReplica,
  byHost: ReadonlyMap<string, EndpointHealth>,
  availability: Readonly<Record<string, ReplicaAvailability>> = {},
): ReplicaRow {
  const health = replicaHealth(replica, byHost);
  const available = availability[replicaKey(registry.id, replica.region)];
  return {
    subscriptionId: registry.subscriptionId,
    resourceGroup: registry.resourceGroup,
    registry: registry.name,
    sku: registry.sku,
    region: replica.region,
    home: replica.isHome,
    provisioningState: replica.provisioningState,
    status: replicaStatus(replica),
    globalEndpointRouting: replica.globalEndpointRouting ? "On" : "Off",
    regionalEndpoint: regionalEndpointLabel(replica),
    lastProbe: probeLabel(health),
    lastProbeMs:
      health?.ttfbMs === null || health?.ttfbMs === undefined
        ? ""
        : String(Math.round(health.ttfbMs)),
    availability24h: formatAvailability(available),
    availabilityVantage: available?.vantage ?? "",
  };
}

/**
 * Every replica of the registries, in their order and, within a registry, by region as the
 * grid's columns run (a region filter keeps that region only).
 */
export function replicaRows(
  registries: readonly FleetRegistry[],
  health: readonly EndpointHealth[],
  region: string | null = null,
  availability: Readonly<Record<string, ReplicaAvailability>> = {},
): ReplicaRow[] {
  const byHost = new Map(health.map((h) => [h.host.toLowerCase(), h]));
  return registries.flatMap((registry) =>
    registry.replicas
      .filter((r) => region === null || r.region === region)
      .sort((a, b) => a.region.localeCompare(b.region))
      .map((replica) => replicaRow(registry, replica, byHost, availability)),
  );
}
