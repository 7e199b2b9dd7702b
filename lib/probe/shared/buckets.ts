/**
 * Upper bounds (seconds) of the TTFB histograms: the agents' and the console's `/metrics`, and the
 * console's embedded history, so both sources of history give the same quantiles. Fine below
 * 100 ms, where replicas of one continent differ, up to the 5 s probe timeout.
 */
export const TTFB_BUCKETS_SECONDS = [
  0.002, 0.005, 0.01, 0.02, 0.035, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.5, 0.75, 1, 2.5, 5,
] as const;

/** The same bounds in milliseconds. */
export const TTFB_BUCKETS_MS: readonly number[] = TTFB_BUCKETS_SECONDS.map((s) =>
  Math.round(s * 1000),
);
