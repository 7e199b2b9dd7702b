import "server-only";
import { logger } from "@/lib/log/logger";
import { ApiError } from "../../errors";
import type { FleetRegistry, FleetSource } from "../../fleet/shared/types";
import type { Subscription, SubscriptionFailure } from "../../types";
import type { ArmClients, BearerToken } from "../client";
import { toApiError } from "../errors";
import { listSubscriptions } from "../subscriptions";
import { readFleetFromArm, type FallbackOptions, type FallbackStats } from "./arm-fallback";
import { overlayFresh } from "./fresh";
import { graphPageSender } from "./graph-client";
import { fleetFromGraphRows, FLEET_QUERY } from "./graph-map";
import {
  readAllPages,
  type GraphPage,
  type GraphReadStats,
  type GraphRequest,
} from "./graph-reader";

/** Subscriptions per Resource Graph request (its REST API takes at most 1,000). */
const SUBSCRIPTIONS_PER_QUERY = 1000;

/** A reading of the whole fleet the caller can see. */
export interface FleetReading {
  source: FleetSource;
  fallbackReason?: { code: string; message: string; status: number };
  asOf: string;
  subscriptions: Subscription[];
  registries: FleetRegistry[];
  failures: SubscriptionFailure[];
  stats: { graph?: GraphReadStats; arm?: FallbackStats };
}

export interface ReadFleetOptions {
  /** Override the Resource Graph transport (tests). */
  sendGraphPage?: (request: GraphRequest) => Promise<GraphPage>;
  /** Skip Resource Graph and read ARM's lists (benchmarks compare the two). */
  forceArm?: boolean;
  fallback?: FallbackOptions;
  sleep?: (ms: number) => Promise<void>;
  /** The caller's subscriptions when already listed (saves the ARM read). */
  subscriptions?: Subscription[];
}

/**
 * Every registry and replication of these subscriptions from Resource Graph (one paged query per
 * 1,000 subscriptions), as the fleet's registries. Throws what Resource Graph answered.
 */
export async function readGraph(
  caller: BearerToken,
  subscriptions: readonly Subscription[],
  options: ReadFleetOptions = {},
) {
  const send = options.sendGraphPage ?? graphPageSender(caller);
  const ids = subscriptions.map((s) => s.subscriptionId);
  const rows: Record<string, unknown>[] = [];
  const stats: GraphReadStats = { pages: 0, throttled: 0, waitedMs: 0 };
  for (let i = 0; i < ids.length; i += SUBSCRIPTIONS_PER_QUERY) {
    const chunk = await readAllPages(
      send,
      { query: FLEET_QUERY, subscriptions: ids.slice(i, i + SUBSCRIPTIONS_PER_QUERY) },
      { sleep: options.sleep },
    );
    rows.push(...chunk.rows);
    stats.pages += chunk.stats.pages;
    stats.throttled += chunk.stats.throttled;
    stats.waitedMs += chunk.stats.waitedMs;
  }
  const asOf = new Date().toISOString();
  return { registries: fleetFromGraphRows(rows, asOf), asOf, stats };
}

/** Why Resource Graph could not be used, as the reading reports it; a rejected token is thrown. */
export function fallbackReasonOf(error: unknown): {
  code: string;
  message: string;
  status: number;
} {
  const mapped = toApiError(error);
  const e = mapped instanceof ApiError ? mapped : ApiError.internal();
  // The same token would fail at ARM too: say so instead of reading ARM.
  if (e.status === 401) throw e;
  logger().warn(
    { event: "fleet-graph-fallback", status: e.status, code: e.code },
    "Resource Graph failed; reading ARM's lists",
  );
  return { code: e.code, message: e.message, status: e.status };
}

/**
 * The fleet the caller can see: the subscriptions from ARM (one read), then every registry and
 * replication from Resource Graph in one paged query; registries the caller just opened or
 * changed take ARM's fresher answer. When Resource Graph refuses or fails (anything but a
 * rejected token), ARM's lists are read instead, paced inside ARM's read bucket, and the reading
 * says so (`source: "arm"`, `fallbackReason`).
 */
export async function readFleet(
  clients: ArmClients,
  caller: BearerToken,
  options: ReadFleetOptions = {},
): Promise<FleetReading> {
  const subscriptions = options.subscriptions ?? (await listSubscriptions(clients));
  let fallbackReason: FleetReading["fallbackReason"];
  if (!options.forceArm && subscriptions.length > 0) {
    try {
      const { registries, asOf, stats } = await readGraph(caller, subscriptions, options);
      return {
        source: "resource-graph",
        asOf,
        subscriptions,
        registries: overlayFresh(caller.token, registries),
        failures: [],
        stats: { graph: stats },
      };
    } catch (error) {
      fallbackReason = fallbackReasonOf(error);
    }
  }
  const fallback = await readFleetFromArm(clients, caller.token, subscriptions, options.fallback);
  return {
    source: "arm",
    ...(fallbackReason ? { fallbackReason } : {}),
    asOf: new Date().toISOString(),
    subscriptions,
    registries: overlayFresh(caller.token, fallback.registries),
    failures: fallback.failures,
    stats: { arm: fallback.stats },
  };
}
