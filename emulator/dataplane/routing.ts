import type { EmulatorState, RegionState, RegistryState } from "../store/types";
import { findRegion, replicationsOf, type RegistryKey } from "../store/finders";
import { resolveHost, type HostKind } from "../store/hosts";

/** Where one TLS connection lands: fixed at connect time, as a DNS answer would be. */
export interface ConnectionTarget {
  host: string;
  kind: HostKind;
  /** Identifies the registry; looked up again per request so live state changes apply. */
  registryKey: RegistryKey;
  region: string;
  /** A storage account host: only redirected blob downloads are served there. */
  storage?: boolean;
}

const HEALTHY: RegionState = { latencyMs: 0, down: false, status: null };

export function regionState(state: EmulatorState, region: string): RegionState {
  return findRegion(state, region) ?? HEALTHY;
}

/**
 * The region a host name reaches from a vantage point (by default the console's, in East US), or
 * null when the name does not resolve: unknown host, regional name while regional endpoints are
 * off, data name without dedicated data endpoints, or a global name with no replica in global
 * routing (a Traffic Manager profile with no enabled endpoint answers no address).
 *
 * A registry without replicas is served from its home region. Otherwise the global name goes to
 * the replica with the lowest RTT from that vantage among those with global endpoint
 * routing on, skipping regions that are down as a health-probing Traffic Manager would; if every
 * candidate is down it still answers one (Traffic Manager returns all endpoints when all are
 * degraded) and the connection is then refused by that region.
 */
export function routeHost(
  state: EmulatorState,
  host: string,
  /** The RTT from the connecting vantage to a region; default the region's own (the console's). */
  rttOf: (region: string, own: RegionState) => number = (_region, own) => own.latencyMs,
): ConnectionTarget | null {
  const resolved = resolveHost(state, host);
  if (!resolved) return null;
  const registryKey = keyOf(resolved.registry);
  const name = host.toLowerCase().replace(/\.$/, "");
  if (resolved.kind !== "global") {
    if (!resolved.region) return null;
    return {
      host: name,
      kind: resolved.kind,
      registryKey,
      region: resolved.region,
      ...(resolved.storage ? { storage: true } : {}),
    };
  }
  const replicas = replicationsOf(state, resolved.registry);
  // A registry without geo-replication (Basic, Standard, a Premium one with no replica listed) is
  // served from its home region alone.
  if (replicas.length === 0) {
    return { host: name, kind: "global", registryKey, region: resolved.registry.location };
  }
  const candidates = replicas
    .filter((r) => r.regionEndpointEnabled)
    .map((r) => {
      const own = regionState(state, r.region);
      return { region: r.region, down: own.down, latencyMs: rttOf(r.region, own) };
    });
  if (candidates.length === 0) return null;
  const up = candidates.filter((c) => !c.down);
  const pool = up.length > 0 ? up : candidates;
  pool.sort((a, b) => a.latencyMs - b.latencyMs || a.region.localeCompare(b.region));
  return { host: name, kind: "global", registryKey, region: pool[0]!.region };
}

export function keyOf(registry: RegistryState): RegistryKey {
  return {
    subscriptionId: registry.subscriptionId,
    resourceGroup: registry.resourceGroup,
    name: registry.name,
  };
}

export function registryId(registry: RegistryState): string {
  return (
    `/subscriptions/${registry.subscriptionId}/resourceGroups/${registry.resourceGroup}` +
    `/providers/Microsoft.ContainerRegistry/registries/${registry.name}`
  );
}
