import "server-only";
import { logger } from "@/lib/log/logger";
import { createHash } from "node:crypto";
import { registryArmPath, subscriptionRegistriesArmPath } from "../../arm-id";
import { ApiError } from "../../errors";
import type { FleetRegistry } from "../../fleet/shared/types";
import type { ApiErrorBody, Registry, Subscription, SubscriptionFailure } from "../../types";
import { armGet } from "../arm-request";
import type { ArmRegistry, ArmReplication } from "../arm-types";
import { REGIONAL_ENDPOINTS_API_VERSION } from "../../arm-constants";
import { SDK_API_VERSION, type ArmClients } from "../client";
import { mapWithConcurrency } from "../concurrency";
import { sortReplicas, toRegistry, toReplica } from "../map";
import { fleetRegistryFromArm } from "./from-arm";
import { ReadPacer } from "./read-pacer";

/** ARM reads in flight at once during a fallback reading. */
export const FALLBACK_CONCURRENCY = 8;
/** Times one read is tried again after a 429 that outlasted the SDK's own retries. */
const THROTTLE_RETRIES = 3;

/** One pacer per caller: two fallback readings of one user share ARM's bucket for that user. */
const pacers = new Map<string, { pacer: ReadPacer; used: number }>();
const MAX_PACERS = 200;

function pacerFor(token: string): ReadPacer {
  const key = createHash("sha256").update(token).digest("base64url");
  let entry = pacers.get(key);
  if (!entry) {
    entry = { pacer: new ReadPacer(), used: Date.now() };
    pacers.set(key, entry);
    while (pacers.size > MAX_PACERS) pacers.delete(pacers.keys().next().value!);
  }
  entry.used = Date.now();
  return entry.pacer;
}

function errorFields(error: unknown): ApiErrorBody["error"] {
  if (error instanceof ApiError) return error.toBody().error;
  logger().error(
    { event: "fleet-arm-read", error: error instanceof Error ? error.message : String(error) },
    "fleet: unexpected failure",
  );
  return ApiError.internal().toBody().error;
}

export interface FallbackOptions {
  pacer?: ReadPacer;
  concurrency?: number;
}

/** Counts of a fallback reading, for benchmarks. */
export interface FallbackStats {
  reads: number;
  throttled: number;
}

/**
 * The fleet from ARM's own lists, when Resource Graph cannot be used: each subscription's
 * registries (preview api-version, so regional endpoints are known), then each Premium registry's
 * replications. Every page is one paced read; at most `concurrency` are in flight; a 429 that
 * outlasted the SDK's retries pauses the pacer for its Retry-After and the read is tried again.
 * A subscription or registry that still fails is reported in `failures`; the rest is returned.
 */
export async function readFleetFromArm(
  clients: ArmClients,
  token: string,
  subscriptions: readonly Subscription[],
  options: FallbackOptions = {},
  /** Registries already listed (the inventory's own lists): only their replicas are read. */
  listed?: readonly Registry[],
): Promise<{ registries: FleetRegistry[]; failures: SubscriptionFailure[]; stats: FallbackStats }> {
  const pacer = options.pacer ?? pacerFor(token);
  const concurrency = options.concurrency ?? FALLBACK_CONCURRENCY;
  const stats: FallbackStats = { reads: 0, throttled: 0 };
  const failures: SubscriptionFailure[] = [];

  const paced = async <T>(path: string, apiVersion: string): Promise<T> => {
    for (let attempt = 0; ; attempt++) {
      await pacer.take();
      stats.reads++;
      try {
        return await armGet<T>(clients, path, apiVersion);
      } catch (error) {
        if (!(error instanceof ApiError) || error.status !== 429 || attempt >= THROTTLE_RETRIES)
          throw error;
        stats.throttled++;
        const seconds = (error.details as { retryAfterSeconds?: number } | undefined)
          ?.retryAfterSeconds;
        pacer.pause(seconds ?? 5);
      }
    }
  };
  const listAll = async <T>(path: string, apiVersion: string): Promise<T[]> => {
    const items: T[] = [];
    const seen = new Set<string>();
    let next: string | undefined = path;
    while (next) {
      const page: { value?: T[]; nextLink?: string | null } = await paced(next, apiVersion);
      items.push(...(page.value ?? []));
      const link = page.nextLink ?? undefined;
      if (link && seen.has(link))
        throw new ApiError(502, "NextLinkLoop", "ARM returned the same next-page link twice.");
      if (link) seen.add(link);
      next = link;
    }
    return items;
  };

  const perSubscription = await mapWithConcurrency(
    listed ? [] : subscriptions,
    concurrency,
    async ({ subscriptionId }) => {
      try {
        const items = await listAll<ArmRegistry>(
          subscriptionRegistriesArmPath(subscriptionId),
          REGIONAL_ENDPOINTS_API_VERSION,
        );
        return items.map(toRegistry);
      } catch (error) {
        failures.push({ subscriptionId, error: errorFields(error) });
        return [] as Registry[];
      }
    },
  );
  const registries = listed ? [...listed] : perSubscription.flat();
  const asOf = new Date().toISOString();
  const fleet = await mapWithConcurrency(registries, concurrency, async (registry) => {
    if (registry.sku !== "Premium") return fleetRegistryFromArm(registry, [], asOf);
    try {
      const items = await listAll<ArmReplication>(
        `${registryArmPath(registry)}/replications`,
        SDK_API_VERSION,
      );
      const replicas = sortReplicas(items.map((item) => toReplica(item, registry.location)));
      return fleetRegistryFromArm(registry, replicas, new Date().toISOString());
    } catch (error) {
      const fields = errorFields(error);
      failures.push({
        subscriptionId: registry.subscriptionId,
        error: { ...fields, message: `Replicas of ${registry.name}: ${fields.message}` },
      });
      return fleetRegistryFromArm(registry, [], asOf);
    }
  });
  return { registries: fleet, failures, stats };
}
