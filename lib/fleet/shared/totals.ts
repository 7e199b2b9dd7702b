import { replicaStatus } from "./attention";
import type { AttentionItem, FleetRegistry, FleetTotals } from "./types";

/** Registries, replicas and replicas by status, and how many things need attention. */
export function fleetTotals(
  registries: readonly FleetRegistry[],
  attention: readonly AttentionItem[],
): FleetTotals {
  const byStatus: Record<string, number> = {};
  let replicas = 0;
  for (const registry of registries) {
    for (const replica of registry.replicas) {
      replicas++;
      const status = replicaStatus(replica);
      byStatus[status] = (byStatus[status] ?? 0) + 1;
    }
  }
  return { registries: registries.length, replicas, byStatus, attention: attention.length };
}
