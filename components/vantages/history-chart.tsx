"use client";
import { makeStyles, tokens } from "@fluentui/react-components";
import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import type { HistorySeries } from "@/lib/vantages/shared/types";
import { seriesName } from "@/lib/vantages/shared/summary";
import { CHART_HEIGHT, LIGHT_PALETTE, seriesColor } from "@/components/probes/chart-options";

export type HistoryMetric = "p50Ms" | "p90Ms" | "availabilityPct";

export const METRIC_LABEL: Record<HistoryMetric, string> = {
  p50Ms: "p50 TTFB (ms)",
  p90Ms: "p90 TTFB (ms)",
  availabilityPct: "Availability (%)",
};

const useStyles = makeStyles({
  plot: { minHeight: `${CHART_HEIGHT}px`, width: "100%", overflow: "hidden" },
  palette: {
    position: "absolute",
    width: "1px",
    height: "1px",
    overflow: "hidden",
    color: tokens.colorNeutralForeground2,
    borderTopStyle: "solid",
    borderTopWidth: "1px",
    borderTopColor: tokens.colorNeutralStroke2,
    "@media (forced-colors: active)": { color: "CanvasText", borderTopColor: "GrayText" },
  },
});

/** Aligns every series on the union of their step times (uPlot's data layout). */
function aligned(series: readonly HistorySeries[], metric: HistoryMetric): uPlot.AlignedData {
  const times = [...new Set(series.flatMap((s) => s.points.map((p) => p.t)))].sort((a, b) => a - b);
  const index = new Map(times.map((t, i) => [t, i]));
  const columns = series.map((s) => {
    const values: (number | null)[] = new Array(times.length).fill(null);
    for (const p of s.points) values[index.get(p.t)!] = p[metric];
    return values;
  });
  return [times, ...columns] as uPlot.AlignedData;
}

/** One history metric over time, a line per endpoint and vantage (uPlot, UTC axis). */
export function HistoryChart({
  series,
  metric,
}: {
  series: readonly HistorySeries[];
  metric: HistoryMetric;
}) {
  const styles = useStyles();
  const ref = useRef<HTMLDivElement>(null);
  const paletteRef = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el || series.length === 0) return;
    const style = paletteRef.current ? getComputedStyle(paletteRef.current) : undefined;
    const axisColor = style?.color ?? LIGHT_PALETTE.axis;
    const gridColor = style?.borderTopColor ?? LIGHT_PALETTE.grid;
    const axis = {
      stroke: axisColor,
      grid: { stroke: gridColor, width: 1 },
      ticks: { stroke: gridColor, width: 1 },
    };
    const chart = new uPlot(
      {
        width: el.clientWidth || 600,
        height: CHART_HEIGHT,
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), "Etc/UTC"),
        scales: {
          x: { time: true },
          y:
            metric === "availabilityPct"
              ? { range: [0, 100] }
              : { auto: true, range: (_u, _min, max) => [0, Math.max(max * 1.1, 1)] },
        },
        axes: [axis, { ...axis, label: METRIC_LABEL[metric] }],
        legend: { live: true },
        cursor: { drag: { x: false, y: false } },
        series: [
          { label: "Time (UTC)" },
          ...series.map((s, i) => ({
            label: seriesName(s),
            stroke: seriesColor(i, false),
            width: 1.5,
            spanGaps: false,
          })),
        ],
      },
      aligned(series, metric),
      el,
    );
    chart.root
      .querySelector(".u-legend")
      ?.setAttribute("aria-label", `${METRIC_LABEL[metric]} per endpoint and vantage`);
    const resize = new ResizeObserver(() => {
      if (el.clientWidth > 0) chart.setSize({ width: el.clientWidth, height: CHART_HEIGHT });
    });
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [series, metric]);
  return (
    <>
      <span ref={paletteRef} className={styles.palette} aria-hidden />
      <div ref={ref} className={styles.plot} data-testid="history-chart" />
    </>
  );
}
