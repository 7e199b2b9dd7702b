"use client";
import { makeStyles, tokens } from "@fluentui/react-components";
import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import type { ProbeRun } from "@/lib/probe/browser/run";
import type { TtfbSeries } from "@/lib/probe/browser/series";
import { CHART_HEIGHT, chartOptions } from "./chart-options";

const useStyles = makeStyles({
  figure: { margin: 0, display: "grid", gap: tokens.spacingVerticalXS },
  plot: { minHeight: `${CHART_HEIGHT}px`, width: "100%", overflow: "hidden" },
  caption: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

/** How far back the chart looks. */
export const CHART_WINDOW_MS = 5 * 60_000;

/**
 * Live TTFB per endpoint over the last five minutes (uPlot on a canvas). Samples are appended to
 * the run's series as they arrive; the chart redraws at most once per animation frame whatever
 * the sample rate, and once a second so the time axis keeps moving.
 */
export function TtfbChart({
  run,
  windowMs = CHART_WINDOW_MS,
}: {
  run: ProbeRun;
  windowMs?: number;
}) {
  const styles = useStyles();
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let chart: uPlot | undefined;
    let builtFor: TtfbSeries | undefined;
    let frame = 0;

    const draw = () => {
      frame = 0;
      const series = run.series;
      if (series.hosts.length === 0) return;
      if (series !== builtFor || !chart) {
        chart?.destroy();
        builtFor = series;
        chart = new uPlot(chartOptions(run.meta?.targets ?? [], el.clientWidth), series.data(), el);
      }
      const now = Date.now();
      series.trim(now);
      const current = chart;
      current.batch(() => {
        current.setData(series.data(), false);
        current.setScale("x", { min: (now - windowMs) / 1000, max: now / 1000 });
      });
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(draw);
    };
    const unsubscribe = run.subscribe(schedule);
    const tick = setInterval(schedule, 1_000);
    const resize = new ResizeObserver(() => {
      if (chart && el.clientWidth > 0)
        chart.setSize({ width: el.clientWidth, height: CHART_HEIGHT });
    });
    resize.observe(el);
    schedule();
    return () => {
      unsubscribe();
      clearInterval(tick);
      resize.disconnect();
      cancelAnimationFrame(frame);
      chart?.destroy();
    };
  }, [run, windowMs]);

  return (
    <figure className={styles.figure}>
      <div ref={ref} className={styles.plot} data-testid="ttfb-chart" />
      <figcaption className={styles.caption}>
        Time to first byte of every answered probe, per endpoint, over the last{" "}
        {Math.round(windowMs / 60_000)} minutes (UTC). A break in a line is a probe without an
        answer. The same figures are in the Probes table.
      </figcaption>
    </figure>
  );
}
