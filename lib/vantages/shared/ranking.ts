import type { VantageEndpoint } from "./types";

/**
 * The regional endpoints of one vantage from fastest to slowest: only those whose last verdict is
 * ok and that have a median warm TTFB, ordered by that median (ties by region name). The first is
 * the vantage's fastest replica, the second its next best: the failover list for that vantage.
 */
export function rankRegional(endpoints: readonly VantageEndpoint[]): VantageEndpoint[] {
  return endpoints
    .filter((e) => e.kind === "regional" && e.verdict === "ok" && e.medianMs !== null)
    .sort((a, b) => a.medianMs! - b.medianMs! || (a.region ?? "").localeCompare(b.region ?? ""));
}

/**
 * Median warm TTFB per regional host as one vantage measures it, for the hosts `rankRegional`
 * keeps (last verdict ok): a mirror list built from it puts failing endpoints last.
 */
export function regionalLatencies(endpoints: readonly VantageEndpoint[]): Record<string, number> {
  return Object.fromEntries(rankRegional(endpoints).map((e) => [e.host, e.medianMs!]));
}

/** The fastest regional endpoint of a vantage and the next best (hosts), or null. */
export function fastestAndNext(endpoints: readonly VantageEndpoint[]): {
  fastest: string | null;
  nextBest: string | null;
} {
  const [first, second] = rankRegional(endpoints);
  return { fastest: first?.host ?? null, nextBest: second?.host ?? null };
}
