import "server-only";
import type { ProbeTarget } from "@/lib/probe/shared/types";
import { RANGE_SECONDS, type HistoryAnswer, type HistoryRange } from "@/lib/vantages/shared/types";
import type { HistoryStore } from "./history-store";
import { prometheusHistory, type PrometheusAccess } from "./prometheus";

/** About this many points per chart: a minute per step over an hour, 5 min over 24 h, 1 h over 7 d. */
export const STEP_SECONDS: Record<HistoryRange, number> = { "1h": 60, "24h": 300, "7d": 3_600 };

/**
 * The history of a registry's endpoints over `range`, per vantage: from Prometheus when
 * `prometheus` is configured, else from the console's embedded store. `targets` are the
 * registry's endpoints from ARM (read with the caller's token).
 */
export async function registryHistory(input: {
  registry: string;
  targets: ProbeTarget[];
  range: HistoryRange;
  /** Prometheus (PROMETHEUS_URL and its authentication), when configured. */
  prometheus?: PrometheusAccess;
  store: HistoryStore;
  now?: number;
}): Promise<HistoryAnswer> {
  const stepSeconds = STEP_SECONDS[input.range];
  const now = Math.floor((input.now ?? Date.now()) / 1000);
  const to = Math.ceil(now / stepSeconds) * stepSeconds;
  const from = to - RANGE_SECONDS[input.range];
  if (input.prometheus) {
    const series = await prometheusHistory({
      access: input.prometheus,
      registry: input.registry,
      targets: input.targets,
      from,
      to,
      step: stepSeconds,
    });
    return { source: "prometheus", range: input.range, stepSeconds, from, to, series };
  }
  const rows = input.store.query(
    input.targets.map((t) => t.host),
    from,
    to,
    stepSeconds,
  );
  return {
    source: "embedded",
    range: input.range,
    stepSeconds,
    from,
    to,
    series: rows.map((r) => ({
      vantage: r.vantage,
      host: r.target.host,
      kind: r.target.kind,
      region: r.target.region,
      points: r.points,
    })),
    note:
      "The console's embedded history: what this server received since it started (one-minute " +
      "buckets for 24 h, quarter-hours for 7 days). Set PROMETHEUS_URL for the full record.",
  };
}
