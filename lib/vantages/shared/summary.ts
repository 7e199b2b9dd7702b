import type { HistoryPoint, HistorySeries } from "./types";

/** One series over the whole range: the median of its step p50s and p90s, and availability. */
export interface HistorySummary {
  vantage: string;
  host: string;
  label: string;
  p50Ms: number | null;
  p90Ms: number | null;
  availabilityPct: number | null;
}

function medianOf(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function present(points: HistoryPoint[], field: keyof Omit<HistoryPoint, "t">): number[] {
  return points.map((p) => p[field]).filter((v): v is number => v !== null);
}

/** The label of a series in charts and tables: `vantage · region (kind)` or `vantage · global`. */
export function seriesName(s: Pick<HistorySeries, "vantage" | "kind" | "region">): string {
  return `${s.vantage} · ${s.kind === "global" ? "global" : `${s.region ?? "?"} (${s.kind})`}`;
}

/** Each series summed up over the range (the chart's table alternative). */
export function summarize(series: readonly HistorySeries[]): HistorySummary[] {
  return series.map((s) => {
    const availability = present(s.points, "availabilityPct");
    return {
      vantage: s.vantage,
      host: s.host,
      label: seriesName(s),
      p50Ms: medianOf(present(s.points, "p50Ms")),
      p90Ms: medianOf(present(s.points, "p90Ms")),
      availabilityPct:
        availability.length > 0
          ? availability.reduce((a, b) => a + b, 0) / availability.length
          : null,
    };
  });
}
