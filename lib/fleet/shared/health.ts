import type { Verdict } from "@/lib/probe/shared/types";

/** Verdicts that mean nothing usable answered: the endpoint is down from the console's vantage. */
export const DOWN_VERDICTS: readonly Verdict[] = ["refused", "timeout", "dns", "tls", "error"];

/** Ok probes of an endpoint behind its baseline (the median of their TTFB). */
export const BASELINE_SAMPLES = 10;
/** Ok probes needed before an endpoint has a baseline to be slow against. */
export const BASELINE_MIN_SAMPLES = 3;

/**
 * Whether an ok answer is slow against the endpoint's own baseline: more than three times its
 * median and at least 250 ms more (so a 2 ms endpoint answering in 7 ms is not "slow").
 */
export function isSlow(ttfbMs: number | null, baselineMs: number | null): boolean {
  if (ttfbMs === null || baselineMs === null) return false;
  return ttfbMs > baselineMs * 3 && ttfbMs - baselineMs >= 250;
}

/** The median of a list of numbers, null when empty. */
export function medianOf(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** "3 min", "2 h 5 min", "15 days": how long, for people. */
export function formatDuration(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return `${Math.max(0, Math.round(ms / 1000))} s`;
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  return `${Math.floor(hours / 24)} days`;
}
