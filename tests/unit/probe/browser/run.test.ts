import { describe, expect, it } from "vitest";
import { ProbeRun } from "@/lib/probe/browser/run";
import { EAST, GLOBAL, WEST, sample, targetsEvent } from "@/tests/unit/probe/fixtures";

describe("ProbeRun", () => {
  it("keeps the last, last cold and last warm sample per endpoint", () => {
    const run = new ProbeRun();
    run.setTargets(targetsEvent([GLOBAL, WEST]));
    const cold = sample(WEST, { reused: false });
    const warm = sample(WEST);
    const lost = sample(WEST, { verdict: "refused", reused: false });
    for (const s of [cold, warm, lost]) run.addSample(s, `e:${s.seq}`);
    expect(run.endpoints.get(WEST.host)).toMatchObject({
      last: lost,
      lastCold: cold,
      lastWarm: warm,
      received: 3,
    });
    expect(run.cursor).toBe(`e:${lost.seq}`);
  });

  it("drops a replayed sample it already has, until the server's epoch changes", () => {
    const run = new ProbeRun({ keepSamples: 10 });
    run.setTargets(targetsEvent([WEST]));
    const s = sample(WEST);
    expect(run.addSample(s, `e1:${s.seq}`)).toBe(true);
    expect(run.addSample(s, `e1:${s.seq}`)).toBe(false);
    // After a server restart sequence numbers start over: a lower seq is new.
    expect(run.addSample({ ...s, seq: 1 }, "e2:1")).toBe(true);
    expect(run.samples).toHaveLength(2);
  });

  it("keeps at most keepSamples and counts the dropped ones", () => {
    const run = new ProbeRun({ keepSamples: 2 });
    run.setTargets(targetsEvent([WEST]));
    for (let i = 0; i < 5; i++) run.addSample(sample(WEST));
    expect(run.samples).toHaveLength(2);
    expect(run.dropped).toBe(3);
  });

  it("follows a change of targets, keeping the chart history of endpoints that stay", () => {
    const run = new ProbeRun();
    run.setTargets(targetsEvent([GLOBAL, WEST]));
    run.addSample(sample(WEST, { ttfbMs: 42 }));
    run.setTargets(targetsEvent([WEST, EAST]));
    expect([...run.endpoints.keys()]).toEqual([WEST.host, EAST.host]);
    expect(run.series.hosts).toEqual([WEST.host, EAST.host]);
    expect(run.series.data()[1]).toEqual([42]);
  });

  it("notifies subscribers on every change", () => {
    const run = new ProbeRun();
    let calls = 0;
    const off = run.subscribe(() => calls++);
    run.setTargets(targetsEvent([WEST]));
    run.addSample(sample(WEST));
    run.setState({ state: "live" });
    off();
    run.addSample(sample(WEST));
    expect(calls).toBe(3);
  });
});
