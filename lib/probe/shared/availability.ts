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

/** Available probes out of all probes, as a percentage; null without probes. */
export function availabilityPct(ok: number, total: number): number | null {
  return total > 0 ? (100 * ok) / total : null;
}
