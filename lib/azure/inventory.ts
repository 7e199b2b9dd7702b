import "server-only";
import { logger } from "../log/logger";
import { ApiError } from "../errors";
import type {
  ApiErrorBody,
  Registry,
  RegistryInventory,
  Subscription,
  SubscriptionFailure,
} from "../types";
import type { ArmClients } from "./client";
import { mapWithConcurrency } from "./concurrency";
import { listRegistries } from "./registries";
import { listReplicas } from "./replications";
import { listSubscriptions } from "./subscriptions";

/** Subscriptions listed at once; ARM throttles reads per principal. */
export const SUBSCRIPTION_CONCURRENCY = 4;
/** Replication lists (one per Premium registry) in flight at once. */
export const REPLICA_COUNT_CONCURRENCY = 4;

function errorFields(error: unknown): ApiErrorBody["error"] {
  if (error instanceof ApiError) return error.toBody().error;
  logger().error(
    { event: "inventory-failure", error: error instanceof Error ? error.message : String(error) },
    "inventory: unexpected failure",
  );
  return ApiError.internal().toBody().error;
}

/** One subscription's registries as soon as ARM listed them (none when its list failed). */
export interface InventoryPart {
  registries: Registry[];
  /** Subscriptions listed so far (this one included), of all the caller sees. */
  read: number;
  subscriptions: number;
}

/** Every registry of every subscription the caller sees, without replica counts. */
export interface InventoryListing {
  subscriptions: Subscription[];
  registries: Registry[];
  failures: SubscriptionFailure[];
}

/**
 * The subscriptions, then each one's registries (one ARM read per page), each subscription's
 * handed to `onSubscription` as soon as it is listed. One subscription failing (403, throttled
 * after the SDK's retries) becomes an entry in `failures`; the others are still returned. Only
 * the subscription list failing fails the whole.
 */
export async function listInventory(
  clients: ArmClients,
  onSubscription?: (part: InventoryPart) => void,
): Promise<InventoryListing> {
  const subscriptions = await listSubscriptions(clients);
  const failures: SubscriptionFailure[] = [];
  let read = 0;
  const perSubscription = await mapWithConcurrency(
    subscriptions,
    SUBSCRIPTION_CONCURRENCY,
    async ({ subscriptionId }) => {
      let registries: Registry[] = [];
      try {
        registries = await listRegistries(clients, subscriptionId);
      } catch (error) {
        failures.push({ subscriptionId, error: errorFields(error) });
      }
      onSubscription?.({ registries, read: ++read, subscriptions: subscriptions.length });
      return registries;
    },
  );
  return { subscriptions, registries: perSubscription.flat(), failures };
}

/**
 * Sets `replicaCount` on each Premium registry from its replication list (one ARM read per
 * registry and page); a list that fails becomes an entry in `failures`.
 */
export async function countReplicasFromArm(
  clients: ArmClients,
  listing: InventoryListing,
): Promise<void> {
  const premium = listing.registries.filter((r) => r.sku === "Premium");
  await mapWithConcurrency(premium, REPLICA_COUNT_CONCURRENCY, async (registry) => {
    try {
      registry.replicaCount = (await listReplicas(clients, registry, registry.location)).length;
    } catch (error) {
      const fields = errorFields(error);
      listing.failures.push({
        subscriptionId: registry.subscriptionId,
        error: { ...fields, message: `Replicas of ${registry.name}: ${fields.message}` },
      });
    }
  });
}

/** Failures in the order of the subscription list. */
export function sortFailures(listing: InventoryListing): SubscriptionFailure[] {
  const order = new Map(listing.subscriptions.map((s, i) => [s.subscriptionId, i]));
  return [...listing.failures].sort(
    (a, b) => (order.get(a.subscriptionId) ?? 0) - (order.get(b.subscriptionId) ?? 0),
  );
}

/**
 * Every registry in every subscription the caller sees, with the replica count of each Premium
 * registry from ARM's replication lists (one read per registry). The console's inventory route
 * counts replicas from the fleet reading instead (lib/fleet/server/inventory.ts).
 */
export async function getInventory(clients: ArmClients): Promise<RegistryInventory> {
  const listing = await listInventory(clients);
  await countReplicasFromArm(clients, listing);
  return { registries: listing.registries, failures: sortFailures(listing) };
}
