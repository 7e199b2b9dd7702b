import { VERDICTS, type Verdict, type WindowStats } from "./types";

/** Samples of a class behind the figures before they stop being flagged "measuring". */
export const MEASURING_UNTIL = 5;
/** Default window: the last 30 samples of an endpoint. */
export const DEFAULT_WINDOW = 30;

/** The fields of a sample the statistics read. */
export interface StatInput {
  verdict: Verdict;
  /** Null when no HTTP answer arrived: the sample is lost. */
  status: number | null;
  reused: boolean;
  phases: { ttfbMs: number | null };
}

/**
 * Percentile of ascending-sorted numbers by linear interpolation between closest ranks (the
 * "R-7" / NumPy default definition): h = (n - 1) * p, value = x[floor h] + (h - floor h) *
 * (x[floor h + 1] - x[floor h]). p = 0.5 gives the median (mean of the two middle values for an
 * even n), p = 0 the minimum, p = 1 the maximum. Returns null for no values.
 */
export function percentile(sortedAsc: readonly number[], p: number): number | null {
  if (sortedAsc.length === 0) return null;
  if (!(p >= 0 && p <= 1)) throw new RangeError(`percentile p must be in [0, 1], got ${p}`);
  const h = (sortedAsc.length - 1) * p;
  const lo = Math.floor(h);
  const low = sortedAsc[lo] as number;
  const high = sortedAsc[Math.min(lo + 1, sortedAsc.length - 1)] as number;
  return low + (h - lo) * (high - low);
}

/** Numeric ascending sort on a copy (never the default text sort, which puts 100 before 9). */
const ascending = (a: number, b: number) => a - b;

export function sortNumbers(values: readonly number[]): number[] {
  return [...values].sort(ascending);
}

/** A probe's timings, in ms, are given to the microsecond. */
export function roundMs(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

/** Median of unsorted numbers; the mean of the two middle values when n is even. */
export function median(values: readonly number[]): number | null {
  return percentile(sortNumbers(values), 0.5);
}

/** A sample is lost when no HTTP answer arrived (timeout, refused, dns, tls, reset). */
export function isLost(sample: Pick<StatInput, "status">): boolean {
  return sample.status === null;
}

function emptyVerdicts(): Record<Verdict, number> {
  const counts = {} as Record<Verdict, number>;
  for (const v of VERDICTS) counts[v] = 0;
  return counts;
}

/**
 * Statistics of one connection class (`reused` true = warm, false = cold) over a window of
 * samples. Latency figures are TTFB of that class's answered samples, every one of them (no cap,
 * no outlier removal); loss and verdict counts cover the whole window, as an endpoint that stops
 * answering produces only new-connection attempts.
 */
export function windowStats(window: readonly StatInput[], reused: boolean): WindowStats {
  const verdicts = emptyVerdicts();
  const latencies: number[] = [];
  let lost = 0;
  for (const sample of window) {
    verdicts[sample.verdict]++;
    if (isLost(sample)) {
      lost++;
    } else if (sample.reused === reused && sample.phases.ttfbMs !== null) {
      latencies.push(sample.phases.ttfbMs);
    }
  }
  // Its own array: sorted in place.
  const sorted = latencies.sort(ascending);
  return {
    n: sorted.length,
    medianMs: percentile(sorted, 0.5),
    p90Ms: percentile(sorted, 0.9),
    minMs: sorted.length ? (sorted[0] as number) : null,
    maxMs: sorted.length ? (sorted[sorted.length - 1] as number) : null,
    lossPct: window.length ? (lost / window.length) * 100 : 0,
    measuring: sorted.length < MEASURING_UNTIL,
    windowSize: window.length,
    verdicts,
  };
}

/**
 * Whether an endpoint is down: every sample of its window went unanswered (100 % loss). Such an
 * endpoint has no latency to measure, so it is reported as down (with the verdict of its
 * failures) rather than as "measuring"; one answered sample in the window, of any status, and it
 * is not down.
 */
export function isDown(stats: Pick<WindowStats, "windowSize" | "lossPct"> | null | undefined) {
  return Boolean(stats && stats.windowSize > 0 && stats.lossPct >= 100);
}

/** The last `size` samples of one endpoint, oldest first. */
export class RollingWindow<T extends StatInput = StatInput> {
  private readonly items: T[] = [];

  constructor(readonly size: number = DEFAULT_WINDOW) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError("window size must be >= 1");
  }

  push(sample: T): void {
    this.items.push(sample);
    if (this.items.length > this.size) this.items.shift();
  }

  get samples(): readonly T[] {
    return this.items;
  }

  /** Headline (warm) and cold statistics of the window. */
  stats(): { warm: WindowStats; cold: WindowStats } {
    return { warm: windowStats(this.items, true), cold: windowStats(this.items, false) };
  }
}
