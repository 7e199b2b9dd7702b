import "server-only";
import { ApiError } from "@/lib/errors";
import { AVAILABILITY_WINDOW_SECONDS, replicaAvailability } from "@/lib/fleet/shared/availability";
import type { FleetAvailability, FleetRegistry } from "@/lib/fleet/shared/types";
import { isAvailable } from "@/lib/probe/shared/availability";
import { VERDICTS, type Verdict } from "@/lib/probe/shared/types";
import type { AvailabilityStore } from "@/lib/vantages/server/availability-store";
import type { HistoryStore } from "@/lib/vantages/server/history-store";
import {
  fleetAvailabilityQuery,
  queryInstant,
  type PrometheusAccess,
} from "@/lib/vantages/server/prometheus";
import type { ProbeCounts } from "@/lib/vantages/shared/types";

/** Probe counts by (vantage, host) over the window from Prometheus: one instant query. */
export async function prometheusCounts(
  access: PrometheusAccess,
  to: number,
): Promise<ProbeCounts[]> {
  const data = await queryInstant(access, fleetAvailabilityQuery(), to);
  const byKey = new Map<string, ProbeCounts>();
  for (const r of data.result) {
    const { host, vantage, verdict } = r.metric;
    const n = Number(r.value[1]);
    if (!host || !vantage || !verdict || !Number.isFinite(n)) continue;
    if (!VERDICTS.includes(verdict as Verdict)) continue;
    const key = `${vantage}|${host}`;
    const c = byKey.get(key) ?? { vantage, host, ok: 0, total: 0 };
    c.total += n;
    if (isAvailable(verdict as Verdict)) c.ok += n;
    byKey.set(key, c);
  }
  return [...byKey.values()];
}

/**
 * Each of these registries' replicas' availability over the last 24 h: from Prometheus when it
 * is configured (the counters of every vantage that Prometheus scrapes: the console's own, the
 * fleet sweep's included, and the agents'), else from the history this console keeps (the fleet
 * sweep's counts, and the live probes' and agents' one-minute buckets), in one pass. A Prometheus
 * that does not answer gives no figures and says why: the fleet page still loads.
 */
export async function fleetAvailability(
  registries: readonly FleetRegistry[],
  input: {
    prometheus?: PrometheusAccess;
    embedded: { availability: AvailabilityStore; history: HistoryStore; startedAt: string };
    minPct: number;
    now?: number;
  },
): Promise<FleetAvailability> {
  const toMs = input.now ?? Date.now();
  const to = Math.floor(toMs / 1000);
  const from = to - AVAILABILITY_WINDOW_SECONDS;
  const base = {
    from: new Date(from * 1000).toISOString(),
    to: new Date(to * 1000).toISOString(),
    minPct: input.minPct,
  };
  if (input.prometheus) {
    try {
      const counts = await prometheusCounts(input.prometheus, to);
      return {
        source: "prometheus",
        since: null,
        ...base,
        replicas: replicaAvailability(registries, counts),
      };
    } catch (error) {
      const e = error instanceof ApiError ? error : ApiError.internal();
      return {
        source: "prometheus",
        since: null,
        ...base,
        replicas: {},
        error: { code: e.code, message: e.message },
      };
    }
  }
  const { availability, history, startedAt } = input.embedded;
  const counts = [...availability.counts(from, to), ...history.counts(from, to)];
  return {
    source: "embedded",
    since: startedAt,
    ...base,
    replicas: replicaAvailability(registries, counts),
  };
}

/** `fleetAvailability` from the server's configuration and its shared embedded history. */
export function fleetAvailabilityFor(
  registries: readonly FleetRegistry[],
  wiring: {
    prometheus: PrometheusAccess | undefined;
    vantages: { availability: AvailabilityStore; history: HistoryStore; startedAt: string };
    minPct: number;
  },
): Promise<FleetAvailability> {
  return fleetAvailability(registries, {
    ...(wiring.prometheus ? { prometheus: wiring.prometheus } : {}),
    embedded: wiring.vantages,
    minPct: wiring.minPct,
  });
}
