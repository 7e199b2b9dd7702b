import { describe, expect, it } from "vitest";
import {
  HistoryStore,
  MINUTE_SLOTS,
  QUARTER_SLOTS,
  STALE_SECONDS,
} from "@/lib/vantages/server/history-store";
import { histogramQuantile } from "@/lib/vantages/shared/quantile";
import { TTFB_BUCKETS_MS } from "@/lib/probe/shared/buckets";
import { sample } from "../probe/fixtures";

const target = {
  host: "r.westeurope.geo.azurecr.io",
  kind: "regional" as const,
  region: "westeurope",
};
const at = (seconds: number) => new Date(seconds * 1000).toISOString();
const T0 = 1_800_000_000 - (1_800_000_000 % 3600);

describe("histogramQuantile (Prometheus's histogram_quantile)", () => {
  it("interpolates inside the bucket holding the rank, from 0 in the first", () => {
    // 10 observations in (10, 20] ms: the median is halfway through that bucket.
    const counts = new Array(TTFB_BUCKETS_MS.length + 1).fill(0);
    counts[TTFB_BUCKETS_MS.indexOf(20)] = 10;
    expect(histogramQuantile(0.5, TTFB_BUCKETS_MS, counts)).toBe(15);
    expect(histogramQuantile(0.9, TTFB_BUCKETS_MS, counts)).toBe(19);
    const first = new Array(TTFB_BUCKETS_MS.length + 1).fill(0);
    first[0] = 4;
    expect(histogramQuantile(0.5, TTFB_BUCKETS_MS, first)).toBe(1);
  });

  it("answers the highest finite bound for the +Inf bucket, and null without observations", () => {
    const counts = new Array(TTFB_BUCKETS_MS.length + 1).fill(0);
    counts[TTFB_BUCKETS_MS.length] = 3;
    expect(histogramQuantile(0.5, TTFB_BUCKETS_MS, counts)).toBe(5000);
    expect(histogramQuantile(0.5, TTFB_BUCKETS_MS, counts.fill(0))).toBeNull();
  });
});

describe("the embedded history store", () => {
  it("downsamples into one-minute buckets: p50, p90 and availability per step", () => {
    const store = new HistoryStore({ maxSeries: 10 });
    // Minute 0: 9 ok probes at 15 ms and one timeout; minute 1: nothing; minute 2: 60 ms.
    for (let i = 0; i < 9; i++)
      store.record("westeurope", "r", sample(target, { at: at(T0 + i), ttfbMs: 15 }));
    store.record("westeurope", "r", sample(target, { at: at(T0 + 30), verdict: "timeout" }));
    store.record("westeurope", "r", sample(target, { at: at(T0 + 125), ttfbMs: 60 }));
    const [series] = store.query([target.host], T0, T0 + 180, 60);
    expect(series!.vantage).toBe("westeurope");
    expect(series!.points.map((p) => p.t)).toEqual([T0, T0 + 60, T0 + 120]);
    const [first, empty, third] = series!.points;
    expect(first!.availabilityPct).toBe(90);
    expect(first!.p50Ms).toBeGreaterThan(10);
    expect(first!.p50Ms).toBeLessThanOrEqual(20);
    expect(empty).toEqual({ t: T0 + 60, p50Ms: null, p90Ms: null, availabilityPct: null });
    expect(third!.p50Ms).toBeGreaterThan(50);
    expect(third!.p50Ms).toBeLessThanOrEqual(75);
  });

  it("merges buckets into wider steps, and keeps cold probes out of the TTFB figures", () => {
    const store = new HistoryStore({ maxSeries: 10 });
    for (let minute = 0; minute < 5; minute++) {
      store.record("v", "r", sample(target, { at: at(T0 + minute * 60), ttfbMs: 15 }));
      store.record(
        "v",
        "r",
        sample(target, { at: at(T0 + minute * 60 + 1), ttfbMs: 900, reused: false }),
      );
    }
    const [series] = store.query([target.host], T0, T0 + 300, 300);
    expect(series!.points).toHaveLength(1);
    expect(series!.points[0]!.p90Ms).toBeLessThanOrEqual(20);
    expect(series!.points[0]!.availabilityPct).toBe(100);
  });

  it("forgets minutes older than 24 h and keeps quarter-hours for 7 days", () => {
    const store = new HistoryStore({ maxSeries: 10 });
    store.record("v", "r", sample(target, { at: at(T0), ttfbMs: 15 }));
    store.record("v", "r", sample(target, { at: at(T0 + MINUTE_SLOTS * 60), ttfbMs: 40 }));
    const day = store.query([target.host], T0, T0 + 120, 60)[0]!;
    expect(day.points[0]!.availabilityPct).toBeNull();
    const week = store.query([target.host], T0, T0 + 7 * 86_400, 3_600)[0]!;
    expect(week.points[0]!.availabilityPct).toBe(100);
    expect(QUARTER_SLOTS * 900).toBe(7 * 86_400);
  });

  it("holds at most maxSeries series: a new one replaces only a series no longer probed", () => {
    const full: number[] = [];
    const store = new HistoryStore({ maxSeries: 2, onFull: (n) => full.push(n) });
    const hosts = ["a.x.geo.azurecr.io", "b.x.geo.azurecr.io", "c.x.geo.azurecr.io"];
    const record = (host: string, seconds: number) =>
      store.record("v", "r", sample({ ...target, host }, { at: at(seconds), ttfbMs: 5 }));
    const kept = () => store.query(hosts, T0, T0 + 3600, 60).map((s) => s.target.host);
    // Three endpoints probed in turn with room for two: the first two keep their history.
    for (let round = 0; round < 5; round++)
      hosts.forEach((host, i) => record(host, T0 + round * 10 + i));
    expect(store.size).toBe(2);
    expect(kept()).toEqual(hosts.slice(0, 2));
    // Said once, not at every sample of the endpoint left out.
    expect(full).toEqual([2]);
    const first = store.query([hosts[0]!], T0, T0 + 60, 60)[0]!;
    expect(first.points[0]!.availabilityPct).toBe(100);
    // a stops being probed: once it has been quiet for STALE_SECONDS, c takes its place.
    record(hosts[1]!, T0 + 50 + STALE_SECONDS);
    record(hosts[2]!, T0 + 51 + STALE_SECONDS);
    expect(kept()).toEqual(hosts.slice(1));
    const perSeries = store.bytes / store.size;
    expect(perSeries).toBeLessThan(100_000);
  });

  it("answers only the hosts asked for (the caller's registry)", () => {
    const store = new HistoryStore({ maxSeries: 10 });
    store.record("v", "r", sample(target, { at: at(T0), ttfbMs: 5 }));
    expect(store.query(["other.azurecr.io"], T0, T0 + 60, 60)).toEqual([]);
  });
});
