import { describe, expect, it } from "vitest";
import {
  RollingWindow,
  median,
  percentile,
  sortNumbers,
  windowStats,
  type StatInput,
  type Verdict,
} from "@/lib/probe/server";

const warm = (ttfbMs: number, verdict: Verdict = "ok", status = 401): StatInput => ({
  verdict,
  status,
  reused: true,
  phases: { ttfbMs },
});
const cold = (ttfbMs: number): StatInput => ({
  verdict: "ok",
  status: 401,
  reused: false,
  phases: { ttfbMs },
});
const lost = (verdict: Verdict): StatInput => ({
  verdict,
  status: null,
  reused: false,
  phases: { ttfbMs: null },
});

describe("median and percentile", () => {
  it.each([
    { name: "odd n", values: [5, 1, 3], median: 3, p90: 4.6 },
    { name: "even n: mean of the two middle values", values: [4, 1, 3, 2], median: 2.5, p90: 3.7 },
    { name: "ties", values: [7, 7, 7, 1], median: 7, p90: 7 },
    { name: "sorts numerically, not as text", values: [100, 9, 10], median: 10, p90: 82 },
    { name: "one value", values: [42], median: 42, p90: 42 },
    { name: "fractions", values: [0.5, 0.25], median: 0.375, p90: 0.475 },
  ])("$name", ({ values, median: expectedMedian, p90 }) => {
    expect(median(values)).toBeCloseTo(expectedMedian, 10);
    expect(percentile(sortNumbers(values), 0.9)).toBeCloseTo(p90, 10);
  });

  it("gives null for no values and min/max at the ends", () => {
    expect(median([])).toBeNull();
    expect(percentile([], 0.9)).toBeNull();
    expect(percentile([1, 2, 3], 0)).toBe(1);
    expect(percentile([1, 2, 3], 1)).toBe(3);
    expect(() => percentile([1], 1.5)).toThrow(RangeError);
  });

  it("does not reorder the caller's array", () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe("windowStats", () => {
  it.each([
    {
      name: "numbers that sort wrongly as text",
      window: [warm(9), warm(100), warm(10), warm(20), warm(1000)],
      expected: {
        n: 5,
        medianMs: 20,
        minMs: 9,
        maxMs: 1000,
        p90Ms: expect.closeTo(640, 9),
        lossPct: 0,
        measuring: false,
      },
    },
    {
      name: "even n",
      window: [warm(10), warm(40), warm(20), warm(30), warm(50), warm(60)],
      expected: {
        n: 6,
        medianMs: 35,
        minMs: 10,
        maxMs: 60,
        p90Ms: expect.closeTo(55, 9),
        lossPct: 0,
      },
    },
    {
      name: "ties",
      window: [warm(5), warm(5), warm(5), warm(5), warm(9)],
      expected: { n: 5, medianMs: 5, minMs: 5, maxMs: 9, p90Ms: expect.closeTo(7.4, 9) },
    },
    {
      name: "slow samples are kept, never capped",
      window: [warm(10), warm(11), warm(12), warm(13), warm(2900)],
      expected: { n: 5, medianMs: 12, maxMs: 2900 },
    },
    {
      name: "lost samples count in loss but not in latency",
      window: [warm(10), lost("timeout"), warm(30), lost("refused"), warm(20)],
      expected: {
        n: 3,
        medianMs: 20,
        minMs: 10,
        maxMs: 30,
        lossPct: 40,
        measuring: true,
        windowSize: 5,
      },
    },
    {
      name: "all lost: no latency figures, 100 % loss",
      window: [lost("timeout"), lost("refused"), lost("dns"), lost("tls")],
      expected: {
        n: 0,
        medianMs: null,
        p90Ms: null,
        minMs: null,
        maxMs: null,
        lossPct: 100,
        measuring: true,
      },
    },
    {
      name: "empty window",
      window: [],
      expected: { n: 0, medianMs: null, lossPct: 0, measuring: true, windowSize: 0 },
    },
    {
      name: "answers that are not ok still carry latency (403, 429, 503)",
      window: [warm(10, "forbidden", 403), warm(20, "throttled", 429), warm(30, "error", 503)],
      expected: { n: 3, medianMs: 20, lossPct: 0 },
    },
  ])("$name", ({ window, expected }) => {
    expect(windowStats(window, true)).toMatchObject(expected);
  });

  it("keeps cold and warm apart", () => {
    const window = [cold(120), warm(10), warm(12), cold(140), warm(14), lost("refused")];
    const w = windowStats(window, true);
    const c = windowStats(window, false);
    expect(w).toMatchObject({ n: 3, medianMs: 12, minMs: 10, maxMs: 14 });
    expect(c).toMatchObject({ n: 2, medianMs: 130, minMs: 120, maxMs: 140 });
    // Loss belongs to the endpoint, not to a connection class.
    expect(w.lossPct).toBeCloseTo(100 / 6, 10);
    expect(c.lossPct).toBeCloseTo(100 / 6, 10);
  });

  it("counts verdicts over the whole window", () => {
    const stats = windowStats(
      [warm(1), warm(2, "throttled", 429), lost("timeout"), lost("timeout")],
      true,
    );
    expect(stats.verdicts).toEqual({
      ok: 1,
      forbidden: 0,
      throttled: 1,
      error: 0,
      tls: 0,
      dns: 0,
      refused: 0,
      timeout: 2,
    });
  });

  it("flags measuring until 5 warm answers exist", () => {
    const window: StatInput[] = [cold(100), cold(100), cold(100), cold(100), cold(100)];
    expect(windowStats(window, true).measuring).toBe(true);
    window.push(warm(1), warm(1), warm(1), warm(1));
    expect(windowStats(window, true).measuring).toBe(true);
    window.push(warm(1));
    expect(windowStats(window, true).measuring).toBe(false);
  });
});

describe("RollingWindow", () => {
  it("evicts the oldest samples beyond its size", () => {
    const w = new RollingWindow(3);
    for (const ms of [1000, 2000, 3000, 1, 2]) w.push(warm(ms));
    expect(w.samples.map((s) => s.phases.ttfbMs)).toEqual([3000, 1, 2]);
    expect(w.stats().warm).toMatchObject({ n: 3, medianMs: 2, maxMs: 3000, windowSize: 3 });
  });

  it("recovers from an all-lost window as answers come back", () => {
    const w = new RollingWindow(4);
    for (let i = 0; i < 4; i++) w.push(lost("refused"));
    expect(w.stats().warm).toMatchObject({ lossPct: 100, medianMs: null });
    w.push(cold(50));
    w.push(warm(10));
    expect(w.stats().warm).toMatchObject({ lossPct: 50, medianMs: 10, n: 1 });
    expect(w.stats().cold).toMatchObject({ lossPct: 50, medianMs: 50, n: 1 });
  });

  it("defaults to the last 30 samples", () => {
    const w = new RollingWindow();
    for (let i = 1; i <= 40; i++) w.push(warm(i));
    expect(w.stats().warm).toMatchObject({ n: 30, minMs: 11, maxMs: 40, medianMs: 25.5 });
  });
});
