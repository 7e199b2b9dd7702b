import { availabilityPct } from "@/lib/probe/shared/availability";
import { expectedRegionalHost } from "@/lib/switches/regional-endpoints";
import type { ProbeCounts } from "@/lib/vantages/shared/types";
import type { FleetRegistry, FleetReplica, ReplicaAvailability } from "./types";

/** The window of the fleet's availability: the last 24 h. */
export const AVAILABILITY_WINDOW_SECONDS = 86_400;
/** Fewer probes than this in the window are too few for the attention rule (not for the column). */
export const AVAILABILITY_MIN_PROBES = 10;

/** The key of a replica in `FleetAvailability.replicas`. */
export function replicaKey(registryId: string, region: string): string {
  return `${registryId.toLowerCase()}|${region.toLowerCase()}`;
}

/**
 * The hosts whose probes count for a replica, as the grid's health attributes them: its own
 * regional endpoint and its dedicated data endpoint (not the global name, which any replica may
 * answer).
 */
export function replicaHosts(registry: FleetRegistry, replica: FleetReplica): string[] {
  const regional =
    replica.regionalEndpoint ??
    // Resource Graph does not carry the preview regional endpoints: the documented name is looked
    // up, and it has counts only if a probe of a host ARM listed (a registry page, an agent) made them.
    (registry.regionalEndpoints === "Unknown"
      ? expectedRegionalHost(registry.loginServer, replica.region)
      : null);
  return [regional, replica.dataEndpoint]
    .filter((h): h is string => typeof h === "string" && h !== "")
    .map((h) => h.toLowerCase());
}

/**
 * Each replica's availability from probe counts by (vantage, host), in one pass over the counts
 * and one over the replicas: per vantage, the replica's endpoints' available probes over all
 * their probes; the replica's figure is its worst vantage's. Only the given registries' hosts
 * are looked up, so counts of other registries never reach the answer.
 */
export function replicaAvailability(
  registries: readonly FleetRegistry[],
  counts: Iterable<ProbeCounts>,
): Record<string, ReplicaAvailability> {
  const byHost = new Map<string, Map<string, { ok: number; total: number }>>();
  for (const c of counts) {
    const host = c.host.toLowerCase();
    let vantages = byHost.get(host);
    if (!vantages) byHost.set(host, (vantages = new Map()));
    const sum = vantages.get(c.vantage) ?? { ok: 0, total: 0 };
    sum.ok += c.ok;
    sum.total += c.total;
    vantages.set(c.vantage, sum);
  }
  const out: Record<string, ReplicaAvailability> = {};
  for (const registry of registries) {
    for (const replica of registry.replicas) {
      const perVantage = new Map<string, { ok: number; total: number }>();
      for (const host of replicaHosts(registry, replica)) {
        for (const [vantage, c] of byHost.get(host) ?? []) {
          const sum = perVantage.get(vantage) ?? { ok: 0, total: 0 };
          sum.ok += c.ok;
          sum.total += c.total;
          perVantage.set(vantage, sum);
        }
      }
      let worst: ReplicaAvailability | undefined;
      for (const [vantage, c] of [...perVantage].sort(([a], [b]) => a.localeCompare(b))) {
        const pct = availabilityPct(c.ok, c.total);
        if (pct === null) continue;
        if (!worst || pct < worst.pct) {
          worst = { pct, ok: c.ok, total: c.total, vantage, vantages: 0 };
        }
      }
      if (worst) {
        worst.vantages = perVantage.size;
        out[replicaKey(registry.id, replica.region)] = worst;
      }
    }
  }
  return out;
}

/** The lowest availability of a registry's replicas, null when none has figures. */
export function registryAvailability(
  registry: FleetRegistry,
  replicas: Readonly<Record<string, ReplicaAvailability>>,
): ReplicaAvailability | null {
  let worst: ReplicaAvailability | null = null;
  for (const replica of registry.replicas) {
    const a = replicas[replicaKey(registry.id, replica.region)];
    if (a && (!worst || a.pct < worst.pct)) worst = a;
  }
  return worst;
}

/**
 * A percentage as the page and the exports show it: two decimals, rounded down so that a replica
 * that failed once is never shown as 100 ("99.99"); "No data" without figures.
 */
export function formatAvailability(a: ReplicaAvailability | null | undefined): string {
  if (!a) return "No data";
  const down = Math.floor(a.pct * 100) / 100;
  return down === 100 ? "100" : down.toFixed(2);
}
