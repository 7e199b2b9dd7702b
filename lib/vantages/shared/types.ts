import type { ProbeTarget, Verdict } from "@/lib/probe/shared/types";

/** One endpoint as one vantage last measured it. */
export interface VantageEndpoint {
  host: string;
  kind: ProbeTarget["kind"];
  region: string | null;
  /** Median warm TTFB over the vantage's rolling window (ms), null while none answered. */
  medianMs: number | null;
  verdict: Verdict | null;
  /** ISO time of the last sample, null when the vantage has none of this endpoint. */
  at: string | null;
}

/**
 * Where a vantage stands: `live` (samples arriving), `waiting` (reached, no sample of this
 * registry yet), `not-probing` (the agent does not probe this registry), `unreachable` (the agent
 * did not answer; `message` says how).
 */
export type VantageStatus = "live" | "waiting" | "not-probing" | "unreachable";

export interface VantageRow {
  /** The vantage's configured name (the console's `PROBE_VANTAGE_NAME`, or an agent's). */
  name: string;
  source: "console" | "agent";
  status: VantageStatus;
  message?: string;
  endpoints: VantageEndpoint[];
  /** Host of the fastest regional endpoint from this vantage, and of the next best. */
  fastest: string | null;
  nextBest: string | null;
}

/** `GET R/vantages`: the registry's endpoints (from ARM) as every vantage sees them. */
export interface VantagesAnswer {
  registryId: string;
  targets: ProbeTarget[];
  vantages: VantageRow[];
  at: string;
}

export const HISTORY_RANGES = ["1h", "24h", "7d"] as const;
export type HistoryRange = (typeof HISTORY_RANGES)[number];

export const RANGE_SECONDS: Record<HistoryRange, number> = {
  "1h": 3_600,
  "24h": 86_400,
  "7d": 604_800,
};

/** One step of an endpoint's history from one vantage. */
export interface HistoryPoint {
  /** Start of the step (Unix seconds). */
  t: number;
  p50Ms: number | null;
  p90Ms: number | null;
  /** Probes with verdict ok / all probes in the step, percent; null without probes. */
  availabilityPct: number | null;
}

export interface HistorySeries {
  vantage: string;
  host: string;
  kind: ProbeTarget["kind"];
  region: string | null;
  points: HistoryPoint[];
}

/** `GET R/history?range=`: where the figures come from and each endpoint x vantage series. */
export interface HistoryAnswer {
  source: "prometheus" | "embedded";
  range: HistoryRange;
  stepSeconds: number;
  /** Unix seconds. */
  from: number;
  to: number;
  series: HistorySeries[];
  /** What the source cannot show (e.g. the embedded store's shorter reach). */
  note?: string;
}

/** Probes of one endpoint from one vantage over a window, and how many were available. */
export interface ProbeCounts {
  vantage: string;
  host: string;
  ok: number;
  total: number;
}
