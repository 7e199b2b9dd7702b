import "server-only";
/** How long to hold off an endpoint that answered 429. */
export interface BackoffPolicy {
  /** The endpoint's normal interval. */
  intervalMs: number;
  /** Cap of the exponential back-off used when there is no usable Retry-After. */
  maxBackoffMs: number;
  /** Cap of an honoured Retry-After, so a huge value cannot silence an endpoint for hours. */
  maxRetryAfterMs: number;
}

export const DEFAULT_MAX_BACKOFF_MS = 60_000;
export const DEFAULT_MAX_RETRY_AFTER_MS = 300_000;

/**
 * Wait before the next probe after the `streak`-th consecutive 429 (streak >= 1). With a
 * Retry-After the server's wait is honoured (never shorter than the interval, capped at
 * maxRetryAfterMs); without one the interval doubles per consecutive 429 (2x, 4x, 8x...), capped
 * at maxBackoffMs. Any answer other than 429 ends the streak.
 */
export function throttleDelay(
  streak: number,
  retryAfterMs: number | undefined,
  policy: BackoffPolicy,
): number {
  if (retryAfterMs !== undefined) {
    return Math.min(Math.max(retryAfterMs, policy.intervalMs), policy.maxRetryAfterMs);
  }
  const exponent = Math.min(Math.max(streak, 1), 30);
  return Math.min(
    policy.intervalMs * 2 ** exponent,
    Math.max(policy.maxBackoffMs, policy.intervalMs),
  );
}
