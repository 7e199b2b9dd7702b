import uPlot from "uplot";
import type { ProbeTarget } from "@/lib/probe/shared/types";

export const CHART_HEIGHT = 280;

/**
 * The colors the chart draws with. A canvas is outside CSS: neither the theme's tokens nor the
 * system colors of forced-colors mode reach it, so they are read from the page (see TtfbChart)
 * and handed over here.
 */
export interface ChartPalette {
  /** Axis labels, tick labels and ticks. */
  axis: string;
  grid: string;
  /** True on a dark background: series are drawn lighter. */
  dark: boolean;
}

export const LIGHT_PALETTE: ChartPalette = { axis: "#424242", grid: "#e0e0e0", dark: false };

/** A distinct color per series: hues a golden angle apart stay apart for any count. */
export function seriesColor(index: number, dark = false): string {
  return `hsl(${Math.round((index * 137.508) % 360)} 70% ${dark ? 65 : 42}%)`;
}

/** The legend label of an endpoint. */
export function seriesLabel(target: ProbeTarget): string {
  return target.kind === "global" ? "global (routed)" : `${target.kind} ${target.region ?? ""}`;
}

const clock = uPlot.fmtDate("{HH}:{mm}:{ss}");
/** uPlot's times are seconds; shown in UTC like every time in the console. */
const utc = (ts: number) => uPlot.tzDate(new Date(ts * 1000), "Etc/UTC");

/** The last value a series has (a number, or null for a probe without answer); undefined for none. */
export function latestValue(
  values: ArrayLike<number | null | undefined>,
): number | null | undefined {
  for (let i = values.length - 1; i >= 0; i--) {
    const v = values[i];
    if (v !== undefined) return v;
  }
  return undefined;
}

function msText(v: number | null | undefined): string {
  if (v === undefined) return "—";
  return v === null ? "no answer" : `${v.toFixed(1)} ms`;
}

/**
 * The legend shows the value under the cursor while it is over the plot, and each series'
 * latest value otherwise (`idx` null), so that reading the legend, by eye or screen reader,
 * gives every endpoint's name and its latest TTFB.
 */
function legendValue(u: uPlot, v: number | null, sidx: number, idx: number | null): string {
  if (idx !== null) return msText(v);
  return msText(latestValue((u.data[sidx] ?? []) as ArrayLike<number | null | undefined>));
}

function timeValue(u: uPlot, t: number | null, _sidx: number, idx: number | null): string {
  const x = idx !== null ? t : latestValue(u.data[0] ?? []);
  return x === null || x === undefined ? "—" : clock(utc(x));
}

/**
 * uPlot options of the TTFB chart: time on x (UTC), TTFB in ms on y, one line per endpoint that
 * breaks at a lost sample (null) and runs on where an endpoint simply has no sample at another
 * endpoint's time (undefined). No points: with 20+ endpoints lines alone stay readable and cheap.
 */
export function chartOptions(
  targets: readonly ProbeTarget[],
  width: number,
  palette: ChartPalette = LIGHT_PALETTE,
): uPlot.Options {
  const axis = {
    stroke: palette.axis,
    grid: { stroke: palette.grid, width: 1 },
    ticks: { stroke: palette.grid, width: 1 },
  };
  return {
    width,
    height: CHART_HEIGHT,
    tzDate: utc,
    scales: {
      x: { time: true },
      y: { auto: true, range: (_u, _min, max) => [0, Math.max(max * 1.1, 1)] },
    },
    axes: [
      { ...axis, values: (_u, ticks) => ticks.map((t) => clock(utc(t))) },
      { ...axis, label: "TTFB (ms)", values: (_u, ticks) => ticks.map((t) => `${t}`) },
    ],
    legend: { live: true },
    cursor: { drag: { x: false, y: false } },
    series: [
      { label: "Time (UTC)", value: timeValue },
      ...targets.map((t, i) => ({
        label: seriesLabel(t),
        stroke: seriesColor(i, palette.dark),
        width: 1.5,
        spanGaps: false,
        points: { show: false },
        value: legendValue,
      })),
    ],
  };
}
