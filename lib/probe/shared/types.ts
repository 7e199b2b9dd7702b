/**
 * Shapes of the prober (server only). `ProbeSample` is what the probe stream sends, one JSON
 * object per sample; the other types are the parts it is built from.
 */
import type { EndpointKind } from "@/lib/types";

/**
 * A sample's verdict in ACR's terms:
 * - `ok`: `GET /v2/` answered 401 with a Bearer challenge naming the host, or 200;
 * - `forbidden`: 403 (firewall rules or public network access disabled);
 * - `throttled`: 429 (per replica; ACR does not fail over on 429);
 * - `error`: any other status, or a 401 whose challenge is missing or names another host, or a
 *   connection dropped after the request was sent;
 * - `tls`: the certificate or the handshake failed;
 * - `dns`: the name did not resolve;
 * - `refused`: no connection (refused, reset before the TLS session existed, unreachable);
 * - `timeout`: no complete answer within the timeout.
 */
export type Verdict =
  "ok" | "forbidden" | "throttled" | "error" | "tls" | "dns" | "refused" | "timeout";

export const VERDICTS: readonly Verdict[] = [
  "ok",
  "forbidden",
  "throttled",
  "error",
  "tls",
  "dns",
  "refused",
  "timeout",
];

/** One endpoint to probe. Built from ARM data only (see targets.ts), never from client input. */
export interface ProbeTarget {
  host: string;
  kind: EndpointKind;
  /** Region of a regional or data host; null for the global login server. */
  region: string | null;
}

/**
 * Phase durations in milliseconds (fractional, high-resolution clock), in order. A phase that did
 * not happen (DNS, connect and TLS on a reused connection) or did not complete (a failure before
 * it) is null.
 * - `dnsMs`: request start to the name lookup's answer;
 * - `connectMs`: lookup to TCP connected;
 * - `tlsMs`: TCP connected to TLS handshake done;
 * - `sendMs`: ready to send (handshake done, or request start on a reused connection) to the
 *   request handed to the OS: this process's own queueing, normally well under 1 ms;
 * - `ttfbMs`: request handed to the OS to the first response byte (what curl reports as
 *   time_starttransfer - time_pretransfer): one round trip plus the server's time;
 * - `totalMs`: request start to the end of the body, or to the failure.
 */
export interface Phases {
  dnsMs: number | null;
  connectMs: number | null;
  tlsMs: number | null;
  sendMs: number | null;
  ttfbMs: number | null;
  totalMs: number;
}

/** What one `GET /v2/` found out, before statistics are attached. */
export interface ProbeResult {
  /** ISO time the request started. */
  at: string;
  verdict: Verdict;
  /** HTTP status, or null when no answer arrived (a lost sample). */
  status: number | null;
  /** True when the request went over a kept-alive connection (warm), false for a new one (cold). */
  reused: boolean;
  remoteAddress: string | null;
  /** Raw `Retry-After` header of a 429. */
  retryAfter?: string;
  /** Why the verdict is not `ok`: an error code (`ECONNREFUSED`, `CERT_HAS_EXPIRED`) or a reason. */
  error?: string;
  phases: Phases;
}

/**
 * Rolling statistics of one endpoint over its window of recent samples. The latency figures
 * (median, p90, min, max) are TTFB of answered samples of one connection class (warm or cold);
 * lost samples (no HTTP answer) count in `lossPct` only. Null figures mean no answered sample of
 * that class is in the window.
 */
export interface WindowStats {
  /** Answered samples of this class behind the latency figures. */
  n: number;
  medianMs: number | null;
  /** 90th percentile, linear interpolation between closest ranks (see stats.ts). */
  p90Ms: number | null;
  minMs: number | null;
  maxMs: number | null;
  /** Lost samples / all samples in the window, in percent (0 for an empty window). */
  lossPct: number;
  /** True until the window holds 5 answered samples of this class. */
  measuring: boolean;
  /** All samples in the window, of both classes, lost or not. */
  windowSize: number;
  /** Verdict counts over the whole window. */
  verdicts: Record<Verdict, number>;
}

/** One event of the probe stream. */
export interface ProbeSample extends ProbeResult {
  /** Increases by one per sample across the hub; a stream resumes after the last one it saw. */
  seq: number;
  host: string;
  kind: EndpointKind;
  region: string | null;
  /** Start of the probe minus its scheduled start, in ms (queueing and timer delay). */
  lagMs: number;
  /** Set while the endpoint is being backed off after 429: the wait before the next probe. */
  backoffMs?: number;
  /** Statistics of the warm samples in the window: the headline figures. */
  stats: WindowStats;
  /** Statistics of the cold samples in the same window (connection set-up included in phases). */
  coldStats: WindowStats;
}
