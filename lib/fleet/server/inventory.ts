import "server-only";
import type { ArmClients, BearerToken } from "@/lib/azure/client";
import { readFleetFromArm } from "@/lib/azure/fleet/arm-fallback";
import { overlayFresh } from "@/lib/azure/fleet/fresh";
import { fallbackReasonOf, readGraph } from "@/lib/azure/fleet/reading";
import { listInventory, sortFailures, type InventoryPart } from "@/lib/azure/inventory";
import { attentionByRegistry, replicaStatus } from "@/lib/fleet/shared/attention";
import type { FleetRegistry, FleetSource } from "@/lib/fleet/shared/types";
import type { RegistryInventory } from "@/lib/types";
import { sharedFleetSweep } from "@/lib/probe/server/sweep/shared-sweep";
import { assess, sharedFleetAvailability } from "./snapshot";
import { rememberReading } from "./state";

/**
 * `GET /api/registries`: the inventory as ARM lists it (one read per subscription and page, with
 * per-subscription failures), each Premium registry's replica count and the health columns from
 * the fleet reading: Resource Graph, or, when it fails, each Premium registry's replication list
 * from ARM, paced inside the read bucket. `onSubscription` gets each subscription's registries as
 * soon as ARM listed them, before the health columns are read.
 */
export async function getInventoryWithHealth(
  arm: ArmClients,
  caller: BearerToken,
  onSubscription?: (part: InventoryPart) => void,
): Promise<RegistryInventory> {
  const listing = await listInventory(arm, onSubscription);
  let fleet: FleetRegistry[];
  let source: FleetSource = "resource-graph";
  let asOf: string;
  try {
    const graph = await readGraph(caller, listing.subscriptions);
    fleet = graph.registries;
    asOf = graph.asOf;
  } catch (error) {
    fallbackReasonOf(error);
    const fallback = await readFleetFromArm(arm, caller.token, [], {}, listing.registries);
    listing.failures.push(...fallback.failures);
    fleet = fallback.registries;
    source = "arm";
    asOf = new Date().toISOString();
  }
  fleet = overlayFresh(caller.token, fleet);
  rememberReading(caller.token, fleet);
  const byId = new Map(fleet.map((r) => [r.id.toLowerCase(), r]));
  // The inventory uses what the sweep knows but starts no probing: the fleet page does.
  const availability = await sharedFleetAvailability(fleet);
  const { attention } = assess(caller.token, fleet, sharedFleetSweep(), {
    lease: false,
    availability,
  });
  const attentionOf = attentionByRegistry(attention);
  for (const registry of listing.registries) {
    const read = byId.get(registry.id.toLowerCase());
    if (!read) continue;
    if (registry.sku === "Premium") registry.replicaCount = read.replicas.length;
    registry.health = {
      readyReplicas: read.replicas.filter((r) => replicaStatus(r) === "Ready").length,
      replicas: read.replicas.length,
      attention: attentionOf.get(registry.id.toLowerCase())?.length ?? 0,
    };
  }
  return {
    registries: listing.registries,
    failures: sortFailures(listing),
    health: { source, asOf },
  };
}
