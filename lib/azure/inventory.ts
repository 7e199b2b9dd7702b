import "server-only";
import { logger } from "../log/logger";
import { ApiError } from "../errors";
import type { ApiErrorBody, Registry, RegistryInventory, SubscriptionFailure } from "../types";
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

/**
 * Every registry in every subscription the caller sees, with the replica count of each Premium
 * registry. One subscription failing (403, throttled after the SDK's retries) becomes an entry in
 * `failures`; the others are still returned. Only the subscription list failing fails the whole.
 */
export async function getInventory(clients: ArmClients): Promise<RegistryInventory> {
  const subscriptions = await listSubscriptions(clients);
  const failures: SubscriptionFailure[] = [];

  const perSubscription = await mapWithConcurrency(
    subscriptions,
    SUBSCRIPTION_CONCURRENCY,
    async ({ subscriptionId }) => {
      try {
        return await listRegistries(clients, subscriptionId);
      } catch (error) {
        failures.push({ subscriptionId, error: errorFields(error) });
        return [] as Registry[];
      }
    },
  );
  const registries = perSubscription.flat();

  const premium = registries.filter((r) => r.sku === "Premium");
  await mapWithConcurrency(premium, REPLICA_COUNT_CONCURRENCY, async (registry) => {
    try {
      registry.replicaCount = (await listReplicas(clients, registry, registry.location)).length;
    } catch (error) {
      const fields = errorFields(error);
      failures.push({
        subscriptionId: registry.subscriptionId,
        error: { ...fields, message: `Replicas of ${registry.name}: ${fields.message}` },
      });
    }
  });

  const order = new Map(subscriptions.map((s, i) => [s.subscriptionId, i]));
  failures.sort((a, b) => (order.get(a.subscriptionId) ?? 0) - (order.get(b.subscriptionId) ?? 0));
  return { registries, failures };
}
