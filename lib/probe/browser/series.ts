/**
 * The data behind the live TTFB chart, in uPlot's aligned layout: one shared x array (seconds)
 * and one y array per endpoint. Samples of different endpoints arrive at different times, so each
 * y array is sparse: `undefined` where that endpoint has no sample at that x (the line runs on),
 * `null` where its sample got no answer (the line breaks: a visible gap for a lost probe).
 * Appending is O(1) in the usual case (a sample newer than every other), and the window is
 * trimmed from the front.
 */

export type SeriesValue = number | null | undefined;

/** Times are kept to a tenth of a second: finer than a chart pixel over minutes. */
const X_RESOLUTION_S = 0.1;

export class TtfbSeries {
  readonly xs: number[] = [];
  readonly ys: SeriesValue[][];
  private readonly index: Map<string, number>;

  /** `hosts` in series order; `windowMs` how much history the chart keeps. */
  constructor(
    readonly hosts: readonly string[],
    readonly windowMs = 5 * 60_000,
  ) {
    this.index = new Map(hosts.map((h, i) => [h, i]));
    this.ys = hosts.map(() => []);
  }

  /** Records one sample: its TTFB in ms, or null for a probe that got no answer. */
  add(host: string, atMs: number, ttfbMs: number | null): void {
    const series = this.index.get(host);
    if (series === undefined || !Number.isFinite(atMs)) return;
    const x = Math.round(atMs / 1000 / X_RESOLUTION_S) * X_RESOLUTION_S;
    const i = this.slot(x);
    (this.ys[series] as SeriesValue[])[i] = ttfbMs;
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

  /** Index of x in xs, inserted (with empty values in every series) when new. */
  private slot(x: number): number {
    const xs = this.xs;
    const n = xs.length;
    const last = xs[n - 1];
    if (n === 0 || (last as number) < x - 1e-9) {
      xs.push(x);
      for (const ys of this.ys) ys.push(undefined);
      return n;
    }
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
    return lo;
  }
}
