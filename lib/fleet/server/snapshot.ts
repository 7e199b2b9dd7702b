import "server-only";
import type { ArmClients, BearerToken } from "@/lib/azure/client";
import { readFleet, type ReadFleetOptions } from "@/lib/azure/fleet/reading";
import { ConfigError, getFleetSettings } from "@/lib/env";
import { AVAILABILITY_WINDOW_SECONDS } from "@/lib/fleet/shared/availability";
import { attentionFor } from "@/lib/fleet/shared/attention";
import { fleetTargets } from "@/lib/fleet/shared/targets";
import { fleetTotals } from "@/lib/fleet/shared/totals";
import type {
  EndpointHealth,
  FleetAvailability,
  FleetRegistry,
  FleetSnapshot,
} from "@/lib/fleet/shared/types";
import type { FleetSweep } from "@/lib/probe/server/sweep/sweep";
import { sharedFleetSweep } from "@/lib/probe/server/sweep/shared-sweep";
import { prometheusAccess } from "@/lib/vantages/server/prometheus-access";
import { sharedVantages } from "@/lib/vantages/server/shared";
import { fleetAvailabilityFor } from "./availability";
import { callerKey, observations, rememberReading } from "./state";

/**
 * Endpoint health and attention for a caller's registries: registers the registries' endpoints
 * with the sweep (leased by this caller, unless `lease` is false), takes what the sweep last saw
 * of them, and runs the attention rules with the server's memory of when each condition was
 * first seen.
 */
export function assess(
  token: string,
  registries: FleetRegistry[],
  sweep: FleetSweep,
  options: {
    lease?: boolean;
    now?: number;
    availability?: Pick<FleetAvailability, "replicas" | "minPct">;
  } = {},
) {
  const now = options.now ?? Date.now();
  const targets = fleetTargets(registries);
  if (options.lease !== false) sweep.lease(callerKey(token), targets);
  const health: EndpointHealth[] = sweep.healthFor(targets.map((t) => t.host));
  const memory = observations();
  const asked = new Set<string>();
  const attention = attentionFor(registries, health, {
    now,
    stuckAfterMs: getFleetSettings().stuckAfterMs,
    ...(options.availability ? { availability: options.availability } : {}),
    firstSeen: (key) => {
      asked.add(key);
      return memory.firstSeen(key);
    },
  });
  memory.settle(new Set(registries.map((r) => r.id.toLowerCase())), asked);
  return { targets, health, attention };
}

/**
 * `GET /api/fleet`: the fleet the caller can see (Resource Graph, or ARM's lists when it fails),
 * the sweep's endpoint health of it, what needs attention, the totals, and where and when it was
 * read.
 */
export async function getFleetSnapshot(
  arm: ArmClients,
  caller: BearerToken,
  options: ReadFleetOptions & { sweep?: FleetSweep } = {},
): Promise<FleetSnapshot> {
  const reading = await readFleet(arm, caller, options);
  rememberReading(caller.token, reading.registries);
  const sweep = options.sweep ?? sharedFleetSweep();
  const availability = await sharedFleetAvailability(reading.registries);
  const { targets, health, attention } = assess(caller.token, reading.registries, sweep, {
    availability,
  });
  return {
    source: reading.source,
    ...(reading.fallbackReason ? { fallbackReason: reading.fallbackReason } : {}),
    asOf: reading.asOf,
    registries: reading.registries,
    failures: reading.failures,
    health,
    attention,
    totals: fleetTotals(reading.registries, attention),
    sweep: { intervalMs: sweep.intervalMs, lastRoundAt: sweep.lastRoundAt, hosts: targets.length },
    stuckAfterMs: getFleetSettings().stuckAfterMs,
    availability,
  };
}

/**
 * The replicas' availability over 24 h from the server's configuration: Prometheus with
 * PROMETHEUS_URL, else the console's embedded history (fed by the fleet sweep).
 */
export async function sharedFleetAvailability(
  registries: FleetRegistry[],
): Promise<FleetAvailability> {
  const minPct = getFleetSettings().availabilityMinPct;
  let wiring;
  try {
    wiring = { prometheus: prometheusAccess(), vantages: sharedVantages(), minPct };
  } catch (error) {
    // A bad PROMETHEUS_* or PROBE_AGENTS setting costs the figures, not the fleet page.
    if (!(error instanceof ConfigError)) throw error;
    const now = Date.now();
    return {
      source: "embedded",
      since: null,
      from: new Date(now - AVAILABILITY_WINDOW_SECONDS * 1000).toISOString(),
      to: new Date(now).toISOString(),
      minPct,
      replicas: {},
      error: { code: "ConfigurationError", message: error.publicMessage },
    };
  }
  return fleetAvailabilityFor(registries, wiring);
}
