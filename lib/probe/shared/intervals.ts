/**
 * Probe intervals, shared by the server's loops, the stream's input rules and the panel's choices.
 */

/** The interval a viewer gets unless it asks for another. */
export const DEFAULT_PROBE_INTERVAL_MS = 2_000;

/** Lowest and highest per-viewer interval the stream accepts (the data plane's quota is shared). */
export const STREAM_MIN_INTERVAL_MS = 1_000;
export const STREAM_MAX_INTERVAL_MS = 60_000;

/** The probes panel's interval choices, all within the stream's bounds. */
export const PROBE_INTERVALS_MS = [1_000, 2_000, 5_000, 10_000, 30_000] as const;
