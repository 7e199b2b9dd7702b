/**
 * The data behind the live TTFB chart, in uPlot's aligned layout: one shared x array (seconds)
 * and one y array per endpoint. Points are bucketed per second: every sample of a second lands
 * on the same x, whichever endpoint it is from, so the series grow by one slot a second however
 * many endpoints are probed (not one per sample), and never hold more than the window's seconds.
 * Each y array is sparse: `undefined` where that endpoint has no sample in that second (the line
 * runs on), `null` where its sample got no answer (the line breaks: a visible gap for a lost
 * probe). Appending is O(1) in the usual case, and the window is trimmed from the front.
 */

export type SeriesValue = number | null | undefined;

/** One point per endpoint per second: finer than a chart pixel over five minutes. */
export const X_RESOLUTION_S = 1;

/**
 * Two samples of one endpoint in one second (a fast interval, or a late answer): a lost one wins,
 * so a failure is never hidden, else the slower, so a spike is never hidden either.
 */
function merge(previous: SeriesValue, next: number | null): number | null {
  if (previous === undefined) return next;
  if (previous === null || next === null) return null;
  return Math.max(previous, next);
}

export class TtfbSeries {
  readonly xs: number[] = [];
  readonly ys: SeriesValue[][];
  private readonly index: Map<string, number>;

  /** Most slots the series hold: one per second of the window, plus the current second. */
  readonly maxLength: number;

  /** `hosts` in series order; `windowMs` how much history the chart keeps. */
  constructor(
    readonly hosts: readonly string[],
    readonly windowMs = 5 * 60_000,
  ) {
    this.index = new Map(hosts.map((h, i) => [h, i]));
    this.ys = hosts.map(() => []);
    this.maxLength = Math.ceil(windowMs / 1000 / X_RESOLUTION_S) + 1;
  }

  /** Records one sample: its TTFB in ms, or null for a probe that got no answer. */
  add(host: string, atMs: number, ttfbMs: number | null): void {
    const series = this.index.get(host);
    if (series === undefined || !Number.isFinite(atMs)) return;
    const x = Math.floor(atMs / 1000 / X_RESOLUTION_S) * X_RESOLUTION_S;
    const i = this.slot(x);
    if (i < 0) return;
    const ys = this.ys[series] as SeriesValue[];
    ys[i] = merge(ys[i], ttfbMs);
  }

  /** Drops points older than the window before `nowMs`. */
  trim(nowMs: number): void {
    const oldest = (nowMs - this.windowMs) / 1000;
    let k = 0;
    while (k < this.xs.length && (this.xs[k] as number) < oldest) k++;
    if (k === 0) return;
    this.xs.splice(0, k);
    for (const ys of this.ys) ys.splice(0, k);
  }

  /** uPlot's AlignedData: `[xs, ...ys]` (the arrays themselves, not copies). */
  data(): [number[], ...SeriesValue[][]] {
    return [this.xs, ...this.ys];
  }

  get length(): number {
    return this.xs.length;
  }

  /**
   * Index of x in xs, inserted (with empty values in every series) when new; the oldest slots go
   * when the series would outgrow `maxLength`. -1 for an x older than everything kept when full.
   */
  private slot(x: number): number {
    const xs = this.xs;
    const n = xs.length;
    const last = xs[n - 1];
    if (n === 0 || (last as number) < x - 1e-9) {
      xs.push(x);
      for (const ys of this.ys) ys.push(undefined);
      if (xs.length > this.maxLength) {
        const excess = xs.length - this.maxLength;
        xs.splice(0, excess);
        for (const ys of this.ys) ys.splice(0, excess);
      }
      return xs.length - 1;
    }
    if (n >= this.maxLength && x < (xs[0] as number) - 1e-9) return -1;
    // Late arrivals (a slow probe started before faster ones finished) land a little back.
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((xs[mid] as number) < x - 1e-9) lo = mid + 1;
      else hi = mid;
    }
    if (lo < n && Math.abs((xs[lo] as number) - x) < 1e-9) return lo;
    xs.splice(lo, 0, x);
    for (const ys of this.ys) ys.splice(lo, 0, undefined);
    if (xs.length > this.maxLength) {
      xs.shift();
      for (const ys of this.ys) ys.shift();
      return lo - 1;
    }
    return lo;
  }
}
