import { describe, expect, it } from "vitest";
import { TtfbSeries } from "@/lib/probe/browser/series";

const T0 = Date.parse("2026-01-01T00:00:00Z");

describe("TtfbSeries", () => {
  it("aligns samples of several endpoints on one x axis per second, sparse per endpoint", () => {
    const s = new TtfbSeries(["a", "b"]);
    s.add("a", T0, 10);
    s.add("b", T0 + 500, 20);
    s.add("b", T0 + 1200, 21);
    s.add("a", T0 + 3000, 11);
    const [xs, a, b] = s.data();
    expect(xs).toEqual([T0 / 1000, T0 / 1000 + 1, T0 / 1000 + 3]);
    expect(a).toEqual([10, undefined, 11]);
    expect(b).toEqual([20, 21, undefined]);
  });

  it("grows by one slot a second whatever the number of endpoints", () => {
    const hosts = Array.from({ length: 41 }, (_, i) => `h${i}`);
    const s = new TtfbSeries(hosts);
    for (let t = 0; t < 60_000; t += 1000)
      hosts.forEach((h, i) => s.add(h, T0 + t + i * 23, 10 + i));
    expect(s.length).toBe(60);
  });

  it("never holds more than the window's seconds, even without a trim", () => {
    const s = new TtfbSeries(["a", "b"], 10_000);
    for (let i = 0; i < 1000; i++) s.add(i % 2 ? "a" : "b", T0 + i * 700, i);
    expect(s.length).toBe(11);
    expect(s.data().every((column) => column.length === 11)).toBe(true);
    // A late sample older than everything kept is dropped, not inserted at the front.
    s.add("a", T0, 1);
    expect(s.length).toBe(11);
  });

  it("keeps a lost sample over an answered one in the same second, else the slower", () => {
    const s = new TtfbSeries(["a"]);
    s.add("a", T0, 10);
    s.add("a", T0 + 400, 30);
    s.add("a", T0 + 800, 20);
    s.add("a", T0 + 1000, null);
    s.add("a", T0 + 1500, 5);
    expect(s.data()[1]).toEqual([30, null]);
  });

  it("keeps a lost sample as null (a break in the line), distinct from no sample", () => {
    const s = new TtfbSeries(["a"]);
    s.add("a", T0, 10);
    s.add("a", T0 + 1000, null);
    expect(s.data()[1]).toEqual([10, null]);
  });

  it("inserts a late arrival in time order", () => {
    const s = new TtfbSeries(["a", "b"]);
    s.add("a", T0 + 2000, 10);
    s.add("b", T0, 30); // a slow probe that started first and answered last
    s.add("b", T0 + 2000, 31); // same time slot as a's
    const [xs, a, b] = s.data();
    expect(xs).toEqual([T0 / 1000, T0 / 1000 + 2]);
    expect(a).toEqual([undefined, 10]);
    expect(b).toEqual([30, 31]);
  });

  it("trims points older than the window", () => {
    const s = new TtfbSeries(["a"], 10_000);
    for (let i = 0; i < 20; i++) s.add("a", T0 + i * 1000, i);
    s.trim(T0 + 19_000);
    expect(s.length).toBe(11);
    expect(s.data()[1]?.[0]).toBe(9);
  });

  it("ignores hosts it does not chart", () => {
    const s = new TtfbSeries(["a"]);
    s.add("zzz", T0, 1);
    expect(s.length).toBe(0);
  });
});
