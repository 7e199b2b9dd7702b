import "server-only";
import { ApiError } from "@/lib/errors";
import { AVAILABLE_VERDICT } from "@/lib/probe/shared/availability";
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
      `100 * sum by (host, vantage) (increase(acr_probes_total{${sel},verdict=${quote(AVAILABLE_VERDICT)}}[${window}]))` +
      ` / sum by (host, vantage) (increase(acr_probes_total{${sel}}[${window}]))`,
  };
}

/**
 * The PromQL of the fleet's availability: every endpoint's probes over the last `window` by host,
 * vantage and verdict, in one instant query grouped by labels (regional and data endpoints only,
 * the ones that count for a replica). The caller's replicas are picked from the answer by host.
 */
export function fleetAvailabilityQuery(window = "24h"): string {
  return `sum by (host, vantage, verdict) (increase(acr_probes_total{kind=~"regional|data"}[${window}]))`;
}

interface PromAnswer<T> {
  status: string;
  error?: string;
  data?: { resultType: string; result: T[] };
}

type MatrixData = {
  resultType: string;
  result: { metric: Record<string, string>; values: [number, string][] }[];
};
type VectorData = {
  resultType: string;
  result: { metric: Record<string, string>; value: [number, string] }[];
};

/** How the console reaches Prometheus: its URL, and the Authorization header when it needs one. */
export interface PrometheusAccess {
  baseUrl: string;
  /** The `Authorization` header value (e.g. an Entra bearer for Azure Monitor), or none. */
  authorize?: () => Promise<string | null>;
  fetch?: typeof fetch;
}

/** One POST to Prometheus's HTTP API (form-encoded, as its docs allow for long queries). */
async function post<T>(
  access: PrometheusAccess,
  path: "query" | "query_range",
  params: Record<string, string>,
): Promise<{ resultType: string; result: T[] }> {
  const headers: Record<string, string> = {
    "content-type": "application/x-www-form-urlencoded",
    accept: "application/json",
  };
  let res: Response;
  try {
    const authorization = access.authorize ? await access.authorize() : null;
    if (authorization) headers.authorization = authorization;
    res = await (access.fetch ?? fetch)(`${access.baseUrl}/api/v1/${path}`, {
      method: "POST",
      headers,
      body: new URLSearchParams(params).toString(),
      signal: AbortSignal.timeout(PROMETHEUS_TIMEOUT_MS),
    });
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError(
      502,
      "PrometheusUnavailable",
      `Prometheus (PROMETHEUS_URL) did not answer: ${error instanceof Error && error.name === "TimeoutError" ? "timed out" : "cannot connect"}.`,
    );
  }
  const body = (await res.json().catch(() => ({}))) as PromAnswer<T>;
  if (res.status === 401 || res.status === 403) {
    throw new ApiError(
      502,
      "PrometheusUnauthorized",
      `Prometheus (PROMETHEUS_URL) refused the console's credentials (HTTP ${res.status}); check PROMETHEUS_AUTH and the identity's "Monitoring Data Reader" role on the Azure Monitor workspace.`,
    );
  }
  if (!res.ok || body.status !== "success" || !body.data) {
    throw new ApiError(
      502,
      "PrometheusQueryFailed",
      `Prometheus refused the query (${res.status}): ${(body.error ?? "no reason given").slice(0, 200)}`,
    );
  }
  return body.data;
}

function queryRange(
  access: PrometheusAccess,
  query: string,
  from: number,
  to: number,
  step: number,
): Promise<MatrixData> {
  return post(access, "query_range", {
    query,
    start: String(from),
    end: String(to),
    step: String(step),
  });
}

/** An instant query at `time` (Unix seconds). */
export function queryInstant(
  access: PrometheusAccess,
  query: string,
  time: number,
): Promise<VectorData> {
  return post(access, "query", { query, time: String(time) });
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
  access: PrometheusAccess;
  registry: string;
  targets: ProbeTarget[];
  from: number;
  to: number;
  step: number;
}): Promise<HistorySeries[]> {
  const { from, to, step } = input;
  const window = `${Math.max(step, 120)}s`;
  const q = historyQueries(input.registry, window);
  const [p50, p90, availability] = await Promise.all([
    queryRange(input.access, q.p50, from, to, step),
    queryRange(input.access, q.p90, from, to, step),
    queryRange(input.access, q.availability, from, to, step),
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
