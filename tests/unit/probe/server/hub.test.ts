import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { captureLog } from "@/tests/support/log-capture";
import {
  ProbeHub,
  type ProbeFn,
  type ProbeResult,
  type ProbeSample,
  type ProbeTarget,
} from "@/lib/probe/server";

const REGISTRY =
  "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/contoso";
const GLOBAL: ProbeTarget = { host: "contoso.azurecr.io", kind: "global", region: null };
const EAST: ProbeTarget = {
  host: "contoso.eastus.geo.azurecr.io",
  kind: "regional",
  region: "eastus",
};
const WEST: ProbeTarget = {
  host: "contoso.westus.geo.azurecr.io",
  kind: "regional",
  region: "westus",
};

/** A probe that answers at once: cold on the first call per host, warm after, 10 ms TTFB. */
function countingProbe(result: (host: string, n: number) => Partial<ProbeResult> = () => ({})) {
  const calls: string[] = [];
  const probe: ProbeFn = async (t) => {
    const n = calls.filter((h) => h === t.host).length;
    calls.push(t.host);
    return {
      at: new Date().toISOString(),
      verdict: "ok",
      status: 401,
      reused: n > 0,
      remoteAddress: "127.0.0.1",
      phases: {
        dnsMs: null,
        connectMs: null,
        tlsMs: null,
        sendMs: 0.1,
        ttfbMs: n > 0 ? 10 : 50,
        totalMs: 60,
      },
      ...result(t.host, n),
    };
  };
  return { probe, calls, count: (host: string) => calls.filter((h) => h === host).length };
}

const tick = (ms: number) => vi.advanceTimersByTimeAsync(ms);

let hub: ProbeHub | undefined;
beforeEach(() => {
  vi.useFakeTimers({ now: Date.parse("2026-01-01T00:00:00Z") });
});
afterEach(() => {
  hub?.close();
  hub = undefined;
  vi.useRealTimers();
});

describe("ProbeHub", () => {
  it("runs one loop per endpoint for every viewer", async () => {
    const fake = countingProbe();
    hub = new ProbeHub({ probe: fake.probe, intervalMs: 1000 });
    const a: ProbeSample[] = [];
    const b: ProbeSample[] = [];
    hub.subscribe(REGISTRY, [GLOBAL, EAST], (s) => a.push(s));
    hub.subscribe(REGISTRY, [GLOBAL, EAST], (s) => b.push(s));
    await tick(4999);
    expect(fake.count(GLOBAL.host)).toBe(5);
    expect(fake.count(EAST.host)).toBe(5);
    expect(a.map((s) => s.seq)).toEqual(b.map((s) => s.seq));
    expect(a).toHaveLength(10);
  });

  it("spreads the first rounds of new endpoints over one interval", async () => {
    const fake = countingProbe();
    hub = new ProbeHub({ probe: fake.probe, intervalMs: 900 });
    hub.subscribe(REGISTRY, [GLOBAL, EAST, WEST], () => {});
    await tick(0);
    expect(fake.calls).toEqual([GLOBAL.host]);
    await tick(300);
    expect(fake.calls).toEqual([GLOBAL.host, EAST.host]);
    await tick(300);
    expect(fake.calls).toEqual([GLOBAL.host, EAST.host, WEST.host]);
  });

  it("keeps probing for the linger time after the last viewer leaves, then stops", async () => {
    const fake = countingProbe();
    hub = new ProbeHub({ probe: fake.probe, intervalMs: 1000, lingerMs: 5000 });
    const stop = hub.subscribe(REGISTRY, [EAST], () => {});
    await tick(2500);
    stop();
    stop(); // idempotent
    await tick(4000);
    expect(hub.activeHosts()).toEqual([EAST.host]);
    await tick(1000);
    expect(hub.activeHosts()).toEqual([]);
    const calls = fake.count(EAST.host);
    await tick(10_000);
    expect(fake.count(EAST.host)).toBe(calls);
  });

  it("keeps the loop and its statistics when a viewer returns within the linger time", async () => {
    const fake = countingProbe();
    hub = new ProbeHub({ probe: fake.probe, intervalMs: 1000, lingerMs: 5000 });
    const first: ProbeSample[] = [];
    hub.subscribe(REGISTRY, [EAST], (s) => first.push(s))();
    await tick(3000);
    const again: ProbeSample[] = [];
    hub.subscribe(REGISTRY, [EAST], (s) => again.push(s), { replay: "none" });
    await tick(10_000);
    expect(again.at(-1)?.stats.windowSize).toBe(again.at(-1)?.seq);
    expect(again.at(-1)!.seq).toBeGreaterThan(10);
  });

  it("replays kept samples to a late viewer, and resumes after a given seq", async () => {
    const fake = countingProbe();
    hub = new ProbeHub({ probe: fake.probe, intervalMs: 1000 });
    hub.subscribe(REGISTRY, [EAST], () => {});
    await tick(3500);
    const late: ProbeSample[] = [];
    hub.subscribe(REGISTRY, [EAST], (s) => late.push(s));
    expect(late.map((s) => s.seq)).toEqual([1, 2, 3, 4]);
    const resumed: ProbeSample[] = [];
    hub.subscribe(REGISTRY, [EAST], (s) => resumed.push(s), { replay: 2 });
    expect(resumed.map((s) => s.seq)).toEqual([3, 4]);
    await tick(1000);
    expect(resumed.map((s) => s.seq)).toEqual([3, 4, 5]);
  });

  it("attaches warm headline statistics and cold ones apart, measuring until 5 warm", async () => {
    const fake = countingProbe();
    hub = new ProbeHub({ probe: fake.probe, intervalMs: 1000 });
    const samples: ProbeSample[] = [];
    hub.subscribe(REGISTRY, [EAST], (s) => samples.push(s));
    await tick(5500);
    const [first, , , , fifth, sixth] = samples;
    expect(first).toMatchObject({
      host: EAST.host,
      kind: "regional",
      region: "eastus",
      reused: false,
    });
    expect(first?.stats).toMatchObject({ n: 0, medianMs: null, measuring: true });
    expect(first?.coldStats).toMatchObject({ n: 1, medianMs: 50 });
    expect(fifth?.stats).toMatchObject({ n: 4, measuring: true });
    expect(sixth?.stats).toMatchObject({ n: 5, medianMs: 10, measuring: false, lossPct: 0 });
    expect(sixth?.coldStats).toMatchObject({ n: 1, medianMs: 50 });
  });

  it("counts lost samples in the loss of the headline statistics", async () => {
    const fake = countingProbe((_, n) =>
      n % 2 === 1 ? { verdict: "refused", status: null, error: "ECONNREFUSED" } : {},
    );
    hub = new ProbeHub({ probe: fake.probe, intervalMs: 1000, windowSize: 4 });
    const samples: ProbeSample[] = [];
    hub.subscribe(REGISTRY, [EAST], (s) => samples.push(s));
    await tick(5500);
    expect(samples.at(-1)?.stats).toMatchObject({ lossPct: 50, windowSize: 4 });
    expect(samples.at(-1)?.stats.verdicts).toMatchObject({ ok: 2, refused: 2 });
  });

  it("changes the interval, pauses and resumes a registry for all its viewers", async () => {
    const fake = countingProbe();
    hub = new ProbeHub({ probe: fake.probe, intervalMs: 2000 });
    hub.subscribe(REGISTRY, [EAST], () => {});
    hub.subscribe(REGISTRY, [EAST], () => {});
    await tick(100);
    hub.setInterval(REGISTRY, 500);
    expect(hub.intervalOf(REGISTRY)).toBe(500);
    await tick(1000);
    expect(fake.count(EAST.host)).toBe(3);
    hub.pause(REGISTRY);
    expect(hub.isPaused(REGISTRY)).toBe(true);
    await tick(5000);
    expect(fake.count(EAST.host)).toBe(3);
    hub.resume(REGISTRY);
    await tick(1);
    expect(fake.count(EAST.host)).toBe(4);
    expect(() => hub!.setInterval(REGISTRY, 0)).toThrow(RangeError);
  });

  it("delivers only the hosts a viewer asked for, and survives a failing listener", async () => {
    const fake = countingProbe();
    hub = new ProbeHub({ probe: fake.probe, intervalMs: 1000 });
    const log = captureLog();
    hub.subscribe(REGISTRY, [EAST], () => {
      throw new Error("listener bug");
    });
    const west: ProbeSample[] = [];
    hub.subscribe(REGISTRY, [WEST, EAST], (s) => west.push(s));
    await tick(2500);
    expect(new Set(west.map((s) => s.host))).toEqual(new Set([EAST.host, WEST.host]));
    const eastOnly: ProbeSample[] = [];
    hub.subscribe(REGISTRY, [EAST], (s) => eastOnly.push(s), { replay: "none" });
    await tick(2000);
    expect(eastOnly.length).toBeGreaterThan(0);
    expect(eastOnly.every((s) => s.host === EAST.host)).toBe(true);
    log.stop();
    expect(log.lines()).toContainEqual(
      expect.objectContaining({ event: "probe-listener", error: "listener bug", level: "error" }),
    );
  });
});
