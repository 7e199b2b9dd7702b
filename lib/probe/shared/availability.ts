import type { Verdict } from "./types";

/**
 * Availability, one definition for the history charts, the embedded store, the PromQL and the
 * fleet page: the share of probes whose verdict is `ok` (an answer from the registry, the 401
 * challenge included). Every other verdict (forbidden, throttled, error, tls, dns, refused,
 * timeout) counts as not available.
 */
export const AVAILABLE_VERDICT: Verdict = "ok";

export function isAvailable(verdict: Verdict): boolean {
  return verdict === AVAILABLE_VERDICT;
}

/**
 * Available probes out of all probes, as a percentage; null without probes. Prometheus's
 * `increase()` extrapolates, so its counts are not integers: the ratio is rounded to a millionth of
 * a percent, so that float noise (99.99999999999999) never reads as a failure once the page shows
 * two decimals rounded down.
 */
export function availabilityPct(ok: number, total: number): number | null {
  if (!(total > 0)) return null;
  if (ok >= total) return 100;
  return Math.round(((100 * ok) / total) * 1e6) / 1e6;
}
