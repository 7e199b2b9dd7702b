import "server-only";
import { ApiError } from "@/lib/errors";
import type { ProbeTarget } from "@/lib/probe/shared/types";
import type { HistoryPoint, HistorySeries } from "@/lib/vantages/shared/types";

/** Longest wait for one Prometheus answer. */
const PROMETHEUS_TIMEOUT_MS = 15_000;

/** A label value in a PromQL string literal. */
function quote(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/**
 * The PromQL of the history charts for one registry, by endpoint (`host`) and `vantage`, over
 * windows of `window` (the step, at least 2 minutes so each window holds a few scrapes): p50 and
 * p90 of warm TTFB from the histogram's buckets, and availability from the probe counter.
 */
export function historyQueries(registry: string, window: string) {
  const sel = `registry=${quote(registry.toLowerCase())}`;
  const buckets = `sum by (le, host, vantage) (rate(acr_probe_ttfb_seconds_bucket{${sel}}[${window}]))`;
  return {
    p50: `histogram_quantile(0.5, ${buckets}) * 1000`,
    p90: `histogram_quantile(0.9, ${buckets}) * 1000`,
    availability:
      `100 * sum by (host, vantage) (increase(acr_probes_total{${sel},verdict="ok"}[${window}]))` +
      ` / sum by (host, vantage) (increase(acr_probes_total{${sel}}[${window}]))`,
  };
}

interface Matrix {
  status: string;
  error?: string;
  data?: {
    resultType: string;
    result: { metric: Record<string, string>; values: [number, string][] }[];
  };
}

async function queryRange(
  baseUrl: string,
  query: string,
  from: number,
  to: number,
  step: number,
  fetchImpl: typeof fetch,
): Promise<Matrix["data"] & object> {
  const params = new URLSearchParams({
    query,
    start: String(from),
    end: String(to),
    step: String(step),
  });
  let res: Response;
  try {
    res = await fetchImpl(`${baseUrl}/api/v1/query_range`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: params.toString(),
      signal: AbortSignal.timeout(PROMETHEUS_TIMEOUT_MS),
    });
  } catch (error) {
    throw new ApiError(
      502,
      "PrometheusUnavailable",
      `Prometheus (PROMETHEUS_URL) did not answer: ${error instanceof Error && error.name === "TimeoutError" ? "timed out" : "cannot connect"}.`,
    );
  }
  const body = (await res.json().catch(() => ({}))) as Matrix;
  if (!res.ok || body.status !== "success" || !body.data) {
    throw new ApiError(
      502,
      "PrometheusQueryFailed",
      `Prometheus refused the history query (${res.status}): ${(body.error ?? "no reason given").slice(0, 200)}`,
    );
  }
  return body.data;
}

function numberOf(value: string): number | null {
  const n = Number(value);
  return Number.isFinite(n) ? Math.round(n * 1000) / 1000 : null;
}

/**
 * The history of one registry's endpoints from Prometheus's HTTP API: three range queries, their
 * series joined by (vantage, host), only hosts among `targets` (ARM's list for the caller).
 */
export async function prometheusHistory(input: {
  baseUrl: string;
  registry: string;
  targets: ProbeTarget[];
  from: number;
  to: number;
  step: number;
  fetch?: typeof fetch;
}): Promise<HistorySeries[]> {
  const { from, to, step } = input;
  const window = `${Math.max(step, 120)}s`;
  const q = historyQueries(input.registry, window);
  const f = input.fetch ?? fetch;
  const [p50, p90, availability] = await Promise.all([
    queryRange(input.baseUrl, q.p50, from, to, step, f),
    queryRange(input.baseUrl, q.p90, from, to, step, f),
    queryRange(input.baseUrl, q.availability, from, to, step, f),
  ]);
  const byHost = new Map(input.targets.map((t) => [t.host, t]));
  const series = new Map<
    string,
    { target: ProbeTarget; vantage: string; points: Map<number, HistoryPoint> }
  >();
  const put = (data: typeof p50, field: "p50Ms" | "p90Ms" | "availabilityPct") => {
    for (const r of data.result) {
      const target = byHost.get(r.metric.host ?? "");
      const vantage = r.metric.vantage;
      if (!target || !vantage) continue;
      const key = `${vantage}|${target.host}`;
      let s = series.get(key);
      if (!s) {
        s = { target, vantage, points: new Map() };
        series.set(key, s);
      }
      for (const [t, v] of r.values) {
        const at = Math.round(t);
        const point = s.points.get(at) ?? {
          t: at,
          p50Ms: null,
          p90Ms: null,
          availabilityPct: null,
        };
        point[field] = numberOf(v);
        s.points.set(at, point);
      }
    }
  };
  put(p50, "p50Ms");
  put(p90, "p90Ms");
  put(availability, "availabilityPct");
  return [...series.values()]
    .map((s) => ({
      vantage: s.vantage,
      host: s.target.host,
      kind: s.target.kind,
      region: s.target.region,
      points: [...s.points.values()].sort((a, b) => a.t - b.t),
    }))
    .sort((a, b) => a.vantage.localeCompare(b.vantage) || a.host.localeCompare(b.host));
}
