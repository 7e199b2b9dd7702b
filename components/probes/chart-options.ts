import uPlot from "uplot";
import type { ProbeTarget } from "@/lib/probe/shared/types";

export const CHART_HEIGHT = 280;

/** A distinct color per series: hues a golden angle apart stay apart for any count. */
export function seriesColor(index: number): string {
  return `hsl(${Math.round((index * 137.508) % 360)} 70% 42%)`;
}

/** The legend label of an endpoint. */
export function seriesLabel(target: ProbeTarget): string {
  return target.kind === "global" ? "global (routed)" : `${target.kind} ${target.region ?? ""}`;
}

const msValue = (_u: uPlot, v: number | null) => (v === null ? "—" : `${v.toFixed(1)} ms`);
const clock = uPlot.fmtDate("{HH}:{mm}:{ss}");
/** uPlot's times are seconds; shown in UTC like every time in the console. */
const utc = (ts: number) => uPlot.tzDate(new Date(ts * 1000), "Etc/UTC");

/**
 * uPlot options of the TTFB chart: time on x (UTC), TTFB in ms on y, one line per endpoint that
 * breaks at a lost sample (null) and runs on where an endpoint simply has no sample at another
 * endpoint's time (undefined). No points: with 20+ endpoints lines alone stay readable and cheap.
 */
export function chartOptions(targets: readonly ProbeTarget[], width: number): uPlot.Options {
  return {
    width,
    height: CHART_HEIGHT,
    tzDate: utc,
    scales: {
      x: { time: true },
      y: { auto: true, range: (_u, _min, max) => [0, Math.max(max * 1.1, 1)] },
    },
    axes: [
      { values: (_u, ticks) => ticks.map((t) => clock(utc(t))) },
      { label: "TTFB (ms)", values: (_u, ticks) => ticks.map((t) => `${t}`) },
    ],
    legend: { live: true },
    cursor: { drag: { x: false, y: false } },
    series: [
      { label: "Time (UTC)", value: (_u, t) => (t === null ? "—" : clock(utc(t))) },
      ...targets.map((t, i) => ({
        label: seriesLabel(t),
        stroke: seriesColor(i),
        width: 1.5,
        spanGaps: false,
        points: { show: false },
        value: msValue,
      })),
    ],
  };
}
