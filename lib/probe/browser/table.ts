import { isDown } from "@/lib/probe/shared/stats";
import type {
  Phases,
  ProbeSample,
  ProbeTarget,
  Verdict,
  WindowStats,
} from "@/lib/probe/shared/types";
import type { EndpointKind } from "@/lib/types";
import type { EndpointState } from "./run";

/** One row of the probes table: an endpoint's latest verdict, rolling figures and last samples. */
export interface ProbeRow {
  host: string;
  kind: EndpointKind;
  region: string | null;
  /** The last sample's verdict; `waiting` before the first one. */
  verdict: Verdict | "waiting";
  /** Warm statistics of the server's window (null before the first sample). */
  stats: WindowStats | null;
  last?: ProbeSample;
  lastCold?: ProbeSample;
  lastWarm?: ProbeSample;
  /** Every sample of the window went unanswered (see `isDown`): shown as down, not measuring. */
  down?: boolean;
  /** The regional endpoint with the lowest warm median among healthy, measured ones. */
  fastest: boolean;
}

/** What a row's verdict reads as: `down` when its whole window was lost, else the last verdict. */
export type RowStatus = ProbeRow["verdict"] | "down";

export function rowStatus(row: Pick<ProbeRow, "verdict" | "down">): RowStatus {
  return row.down ? "down" : row.verdict;
}

/**
 * Whether an endpoint counts as healthy for comparing latency: its last verdict is `ok`. A
 * throttled, forbidden or failing endpoint may answer fast (a 429 costs the replica nothing), so
 * its figures never compete with healthy ones.
 */
export function isHealthy(row: Pick<ProbeRow, "verdict" | "down">): boolean {
  return row.verdict === "ok" && !row.down;
}

/** The figures that are latency: only healthy endpoints' latency is compared (see `isHealthy`). */
const LATENCY_KEYS: ReadonlySet<SortKey> = new Set(["median", "p90", "min", "last"]);

const KIND_ORDER: Record<EndpointKind, number> = { global: 0, regional: 1, data: 2 };

/** From healthy to worst: ascending verdict sort puts trouble last. */
const VERDICT_ORDER: Record<ProbeRow["verdict"], number> = {
  ok: 0,
  throttled: 1,
  forbidden: 2,
  error: 3,
  tls: 4,
  dns: 5,
  timeout: 6,
  refused: 7,
  waiting: 8,
};

/** Down (a whole window lost) ranks with the worst: after every answered verdict. */
function verdictRank(row: ProbeRow): number {
  return row.down ? VERDICT_ORDER.refused + 0.5 : VERDICT_ORDER[row.verdict];
}

function rowOf(target: ProbeTarget, e?: EndpointState): ProbeRow {
  return {
    host: target.host,
    kind: target.kind,
    region: target.region,
    verdict: e?.last?.verdict ?? "waiting",
    stats: e?.last?.stats ?? null,
    last: e?.last,
    lastCold: e?.lastCold,
    lastWarm: e?.lastWarm,
    down: isDown(e?.last?.stats),
    fastest: false,
  };
}

/**
 * Rows for every endpoint, in endpoint order (global, regional by region, data by region). With
 * `targets` (the endpoints the page's own ARM read lists), exactly those rows: an endpoint the
 * stream has not caught up with yet waits, one ARM no longer lists is left out.
 */
export function probeRows(
  endpoints: Iterable<EndpointState>,
  targets?: readonly ProbeTarget[],
): ProbeRow[] {
  const states = [...endpoints];
  const byHost = new Map(states.map((e) => [e.target.host, e]));
  const rows: ProbeRow[] = targets
    ? targets.map((t) => rowOf(t, byHost.get(t.host)))
    : states.map((e) => rowOf(e.target, e));
  const fastest = fastestRegional(rows);
  for (const row of rows) row.fastest = row.host === fastest;
  return sortRows(rows, "endpoint", "ascending");
}

/**
 * The host of the fastest regional endpoint: lowest warm median among regional endpoints whose
 * last verdict is `ok` and whose figures are no longer "measuring". Undefined when none
 * qualifies or there is only one regional endpoint to compare. Ties go to the first region in
 * alphabetical order.
 */
export function fastestRegional(rows: readonly ProbeRow[]): string | undefined {
  // "Fastest" of one (the pinned view) says nothing.
  if (rows.filter((r) => r.kind === "regional").length < 2) return undefined;
  let best: ProbeRow | undefined;
  for (const row of rows) {
    const median = row.stats?.medianMs;
    if (row.kind !== "regional" || !isHealthy(row) || row.stats?.measuring !== false) continue;
    if (median === null || median === undefined) continue;
    const bestMedian = best?.stats?.medianMs ?? Infinity;
    if (
      median < bestMedian ||
      (median === bestMedian && (row.region ?? "") < (best?.region ?? ""))
    ) {
      best = row;
    }
  }
  return best?.host;
}

export type SortKey = "endpoint" | "verdict" | "median" | "p90" | "min" | "loss" | "last";
export type SortDirection = "ascending" | "descending";

function numberKey(row: ProbeRow, key: SortKey): number | null {
  // Figures still "measuring" are not yet comparable: they sort with the rows that have none.
  const settled = row.stats && !row.stats.measuring ? row.stats : null;
  switch (key) {
    case "median":
      return settled?.medianMs ?? null;
    case "p90":
      return settled?.p90Ms ?? null;
    case "min":
      return row.stats?.minMs ?? null;
    case "loss":
      return row.stats ? row.stats.lossPct : null;
    case "last":
      return row.last?.phases.ttfbMs ?? null;
    default:
      return null;
  }
}

function compareEndpoint(a: ProbeRow, b: ProbeRow): number {
  return (
    KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
    (a.region ?? "").localeCompare(b.region ?? "") ||
    a.host.localeCompare(b.host)
  );
}

/**
 * Sorts rows on a copy. Numbers compare as numbers; a row without the figure (no sample yet, no
 * answered warm sample) goes last in either direction; ties keep endpoint order. By a latency
 * figure, healthy endpoints (last verdict `ok`) come first in either direction and the others
 * after them, whatever their figures.
 */
export function sortRows(
  rows: readonly ProbeRow[],
  key: SortKey,
  direction: SortDirection,
): ProbeRow[] {
  const sign = direction === "ascending" ? 1 : -1;
  return [...rows].sort((a, b) => {
    if (key === "endpoint") return sign * compareEndpoint(a, b);
    if (key === "verdict") {
      return sign * (verdictRank(a) - verdictRank(b)) || compareEndpoint(a, b);
    }
    if (LATENCY_KEYS.has(key) && isHealthy(a) !== isHealthy(b)) return isHealthy(a) ? -1 : 1;
    const x = numberKey(a, key);
    const y = numberKey(b, key);
    if (x === null || y === null) {
      if (x === y) return compareEndpoint(a, b);
      return x === null ? 1 : -1;
    }
    return sign * (x - y) || compareEndpoint(a, b);
  });
}

/** A duration for people: `0.42 ms`, `12.3 ms`, `245 ms`, `1.23 s`; an em dash for none. */
export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return "—";
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 100) return `${Math.round(ms)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(2)} ms`;
}

/** Loss for people: `0 %`, `3.3 %`. */
export function formatPct(pct: number | null | undefined): string {
  if (pct === null || pct === undefined) return "—";
  return `${Number.isInteger(pct) ? pct : pct.toFixed(1)} %`;
}

/** The phases of a sample as one line: `DNS 0.41 ms · connect 80.1 ms · TLS ... · TTFB ... · total ...`. */
export function phaseSummary(phases: Phases): string {
  const parts: string[] = [];
  if (phases.dnsMs !== null) parts.push(`DNS ${formatMs(phases.dnsMs)}`);
  if (phases.connectMs !== null) parts.push(`connect ${formatMs(phases.connectMs)}`);
  if (phases.tlsMs !== null) parts.push(`TLS ${formatMs(phases.tlsMs)}`);
  if (phases.ttfbMs !== null) parts.push(`TTFB ${formatMs(phases.ttfbMs)}`);
  parts.push(`total ${formatMs(phases.totalMs)}`);
  return parts.join(" · ");
}

/** `12:34:56.789 UTC`: sample times to the millisecond, the same for every viewer. */
export function formatSampleTime(at: string): string {
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? at : `${date.toISOString().slice(11, 23)} UTC`;
}
