"use client";
import { makeStyles, tokens } from "@fluentui/react-components";
import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import type { ProbeRun } from "@/lib/probe/browser/run";
import type { TtfbSeries } from "@/lib/probe/browser/series";
import type { ThrottledStore } from "@/lib/probe/browser/throttle";
import { CHART_HEIGHT, chartOptions, type ChartPalette } from "./chart-options";
import { onColorSchemeChange } from "../ui/color-scheme";

const useStyles = makeStyles({
  figure: { margin: 0, display: "grid", gap: tokens.spacingVerticalXS },
  plot: { minHeight: `${CHART_HEIGHT}px`, width: "100%", overflow: "hidden" },
  caption: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  // Never seen: its computed colors are what the canvas draws with (theme tokens, or the system
  // colors in forced-colors mode, which a canvas does not get by itself).
  palette: {
    position: "absolute",
    width: "1px",
    height: "1px",
    overflow: "hidden",
    color: tokens.colorNeutralForeground2,
    borderTopStyle: "solid",
    borderTopWidth: "1px",
    borderTopColor: tokens.colorNeutralStroke2,
    backgroundColor: tokens.colorNeutralBackground1,
    "@media (forced-colors: active)": {
      color: "CanvasText",
      borderTopColor: "GrayText",
      backgroundColor: "Canvas",
    },
  },
});

/** Relative luminance of a computed `rgb()`/`rgba()` color (0 black, 1 white); 1 if unreadable. */
function luminance(color: string): number {
  const [r = 255, g = 255, b = 255] = (color.match(/[\d.]+/g) ?? []).map(Number);
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

function readPalette(el: HTMLElement): ChartPalette {
  const style = getComputedStyle(el);
  return {
    axis: style.color,
    grid: style.borderTopColor,
    dark: luminance(style.backgroundColor) < 0.2,
  };
}

/** How far back the chart looks. */
export const CHART_WINDOW_MS = 5 * 60_000;
/**
 * About how often the chart redraws while no sample comes (paused, or a slow interval), so that
 * the time axis keeps moving. While samples stream in it redraws with the run's ticks instead.
 */
export const CHART_REDRAW_MS = 1_000;

/**
 * Live TTFB per endpoint over the last five minutes (uPlot on a canvas). Samples are appended to
 * the run's series as they arrive (one point per endpoint and second, bounded by the window);
 * the chart redraws in the animation frame after each tick of the run (at most once a second,
 * in the same frame as the tables that follow the run), and otherwise once a second so the time
 * axis keeps moving.
 */
export function TtfbChart({
  run,
  ticks,
  windowMs = CHART_WINDOW_MS,
}: {
  run: ProbeRun;
  /** The run's ticks (see useProbeRun). */
  ticks: ThrottledStore;
  windowMs?: number;
}) {
  const styles = useStyles();
  const ref = useRef<HTMLDivElement>(null);
  const paletteRef = useRef<HTMLSpanElement>(null);

  useEffect(() => {
    const el = ref.current;
    const paletteEl = paletteRef.current;
    if (!el || !paletteEl) return;
    let chart: uPlot | undefined;
    let builtFor: TtfbSeries | undefined;
    let frame = 0;
    let lastDraw = -Infinity;

    const draw = () => {
      frame = 0;
      lastDraw = performance.now();
      const series = run.series;
      if (series.hosts.length === 0) return;
      if (series !== builtFor || !chart) {
        chart?.destroy();
        builtFor = series;
        const options = chartOptions(
          run.meta?.targets ?? [],
          el.clientWidth,
          readPalette(paletteEl),
        );
        chart = new uPlot(options, series.data(), el);
        chart.root
          .querySelector(".u-legend")
          ?.setAttribute("aria-label", "Latest time to first byte per endpoint");
      }
      const now = Date.now();
      series.trim(now);
      const current = chart;
      current.batch(() => {
        current.setData(series.data(), false);
        current.setScale("x", { min: (now - windowMs) / 1000, max: now / 1000 });
      });
      // Away from the cursor the legend reads each series' latest value.
      if (current.cursor.idx === null || current.cursor.idx === undefined) {
        current.setLegend({ idx: null as unknown as number });
      }
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(draw);
    };
    const unsubscribe = ticks.subscribe(schedule);
    // Half a period of slack, so that a tick a little late is not drawn twice in two frames.
    const tick = setInterval(() => {
      if (performance.now() - lastDraw >= CHART_REDRAW_MS * 1.5) schedule();
    }, CHART_REDRAW_MS / 2);
    const resize = new ResizeObserver(() => {
      if (chart && el.clientWidth > 0)
        chart.setSize({ width: el.clientWidth, height: CHART_HEIGHT });
    });
    resize.observe(el);
    // Theme or forced colors changed: draw again with the page's new colors.
    const stopWatching = onColorSchemeChange(() => {
      builtFor = undefined;
      schedule();
    });
    schedule();
    return () => {
      stopWatching();
      unsubscribe();
      clearInterval(tick);
      resize.disconnect();
      cancelAnimationFrame(frame);
      chart?.destroy();
    };
  }, [run, ticks, windowMs]);

  return (
    <figure className={styles.figure}>
      <span ref={paletteRef} className={styles.palette} aria-hidden />
      <div ref={ref} className={styles.plot} data-testid="ttfb-chart" />
      <figcaption className={styles.caption}>
        Time to first byte of every answered probe, per endpoint, over the last{" "}
        {Math.round(windowMs / 60_000)} minutes (UTC). A break in a line is a probe without an
        answer. The same figures are in the Probes table.
      </figcaption>
    </figure>
  );
}
