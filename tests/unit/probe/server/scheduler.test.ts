import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  ProbeScheduler,
  type ProbeFn,
  type ProbeResult,
  type ProbeTarget,
  type ScheduledResult,
  type SchedulerOptions,
} from "@/lib/probe/server";

const target = (host: string): ProbeTarget => ({
  host,
  kind: "regional",
  region: host.split(".")[1] ?? null,
});
const A = target("reg.eastus.geo.azurecr.io");

interface Step {
  /** How long the probe takes (fake clock). */
  ms: number;
  /** Never resolves on its own (ignores the abort signal unless `honourAbort`). */
  hang?: boolean;
  honourAbort?: boolean;
  result?: Partial<ProbeResult>;
}

function okResult(): ProbeResult {
  return {
    at: new Date().toISOString(),
    verdict: "ok",
    status: 401,
    reused: true,
    remoteAddress: "127.0.0.1",
    phases: { dnsMs: null, connectMs: null, tlsMs: null, sendMs: 0.1, ttfbMs: 5, totalMs: 5 },
  };
}

/** A probe on the fake clock that logs when each call starts and ends. */
function fakeProbe(plan: (host: string, call: number) => Step) {
  const calls: { host: string; start: number; end?: number }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const perHost = new Map<string, number>();
  let maxPerHost = 0;
  const probe: ProbeFn = (t, { signal }) => {
    const n = calls.filter((c) => c.host === t.host).length;
    const step = plan(t.host, n);
    const call: { host: string; start: number; end?: number } = {
      host: t.host,
      start: performance.now(),
    };
    calls.push(call);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    perHost.set(t.host, (perHost.get(t.host) ?? 0) + 1);
    maxPerHost = Math.max(maxPerHost, perHost.get(t.host)!);
    const done = () => {
      call.end = performance.now();
      inFlight--;
      perHost.set(t.host, perHost.get(t.host)! - 1);
    };
    return new Promise<ProbeResult>((resolve) => {
      if (step.honourAbort) {
        signal.addEventListener("abort", () => {
          done();
          resolve({ ...okResult(), verdict: "timeout", status: null, error: "PROBE_TIMEOUT" });
        });
      }
      if (step.hang) return;
      const finish = () => {
        done();
        resolve({ ...okResult(), ...step.result });
      };
      if (step.ms === 0) finish();
      else setTimeout(finish, step.ms);
    });
  };
  return {
    probe,
    calls,
    starts: (host: string) => calls.filter((c) => c.host === host).map((c) => c.start),
    get maxInFlight() {
      return maxInFlight;
    },
    get maxPerHost() {
      return maxPerHost;
    },
  };
}

function scheduler(probe: ProbeFn, opts: Partial<SchedulerOptions> = {}) {
  const results: ScheduledResult[] = [];
  const s = new ProbeScheduler({ probe, onResult: (r) => results.push(r), ...opts });
  return { s, results };
}

const tick = (ms: number) => vi.advanceTimersByTimeAsync(ms);

beforeEach(() => {
  vi.useFakeTimers({ now: Date.parse("2026-01-01T00:00:00Z") });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("ProbeScheduler", () => {
  it("probes at a steady interval, on the grid, with no lag when idle", async () => {
    const fake = fakeProbe(() => ({ ms: 100 }));
    const { s, results } = scheduler(fake.probe, { intervalMs: 2000 });
    const t0 = performance.now();
    s.add(A);
    await tick(6050);
    expect(fake.starts(A.host).map((t) => t - t0)).toEqual([0, 2000, 4000, 6000]);
    expect(results.map((r) => r.lagMs)).toEqual([0, 0, 0]);
    s.stop();
  });

  it("never overlaps a slow probe: the next one starts late, right after it", async () => {
    const fake = fakeProbe((_, n) => ({ ms: n === 0 ? 2500 : 100 }));
    const { s, results } = scheduler(fake.probe, { intervalMs: 2000 });
    const t0 = performance.now();
    s.add(A);
    await tick(4200);
    expect(fake.maxPerHost).toBe(1);
    expect(fake.starts(A.host).map((t) => t - t0)).toEqual([0, 2500, 4000]);
    // The late round's lag is visible; the grid is kept (4000, not 4500).
    expect(results[1]?.lagMs).toBe(500);
    s.stop();
  });

  it("skips missed slots instead of bursting to catch up", async () => {
    const fake = fakeProbe((_, n) => ({ ms: n === 0 ? 2900 : 10 }));
    const { s } = scheduler(fake.probe, { intervalMs: 1000, timeoutMs: 5000 });
    const t0 = performance.now();
    s.add(A);
    await tick(4100);
    expect(fake.starts(A.host).map((t) => t - t0)).toEqual([0, 2900, 3000, 4000]);
    s.stop();
  });

  it("counts a probe that never answers as a lost timeout sample and carries on", async () => {
    const fake = fakeProbe((_, n) => (n === 0 ? { ms: 0, hang: true } : { ms: 50 }));
    const { s, results } = scheduler(fake.probe, {
      intervalMs: 2000,
      timeoutMs: 3000,
      graceMs: 500,
    });
    s.add(A);
    await tick(3499);
    expect(results).toHaveLength(0);
    await tick(1);
    expect(results[0]?.result).toMatchObject({
      verdict: "timeout",
      status: null,
      error: "PROBE_TIMEOUT",
    });
    expect(results[0]?.result.phases.ttfbMs).toBeNull();
    await tick(100);
    expect(results[1]?.result.verdict).toBe("ok");
    s.stop();
  });

  it("aborts the probe at the timeout and keeps the probe's own timeout sample", async () => {
    const fake = fakeProbe(() => ({ ms: 0, hang: true, honourAbort: true }));
    const { s, results } = scheduler(fake.probe, { timeoutMs: 3000 });
    s.add(A);
    await tick(3000);
    expect(results).toHaveLength(1);
    expect(results[0]?.result).toMatchObject({ verdict: "timeout", remoteAddress: "127.0.0.1" });
    s.stop();
  });

  it("honours Retry-After on 429, then returns to the interval on success", async () => {
    const fake = fakeProbe((_, n) =>
      n === 0
        ? { ms: 10, result: { verdict: "throttled", status: 429, retryAfter: "10" } }
        : { ms: 10 },
    );
    const { s, results } = scheduler(fake.probe, { intervalMs: 2000 });
    const t0 = performance.now();
    s.add(A);
    await tick(14_100);
    expect(fake.starts(A.host).map((t) => t - t0)).toEqual([0, 10_010, 12_010, 14_010]);
    expect(results[0]?.backoffMs).toBe(10_000);
    expect(results[1]?.backoffMs).toBeUndefined();
    s.stop();
  });

  it("backs off exponentially without Retry-After, capped, and resets on success", async () => {
    const fake = fakeProbe((_, n) =>
      n < 5 ? { ms: 0, result: { verdict: "throttled", status: 429 } } : { ms: 0 },
    );
    const { s, results } = scheduler(fake.probe, { intervalMs: 1000, maxBackoffMs: 10_000 });
    const t0 = performance.now();
    s.add(A);
    await tick(40_000);
    const starts = fake.starts(A.host).map((t) => t - t0);
    const gaps = starts.slice(1).map((t, i) => t - starts[i]!);
    // 2x, 4x, 8x the interval, then the 10 s cap, then back to 1 s once the 429s stop.
    expect(gaps.slice(0, 7)).toEqual([2000, 4000, 8000, 10_000, 10_000, 1000, 1000]);
    expect(results.slice(0, 5).map((r) => r.backoffMs)).toEqual([2000, 4000, 8000, 10_000, 10_000]);
    s.stop();
  });

  it("bounds the probes in flight across endpoints", async () => {
    const fake = fakeProbe(() => ({ ms: 500 }));
    const { s, results } = scheduler(fake.probe, { intervalMs: 2000, concurrency: 3 });
    const hosts = Array.from({ length: 10 }, (_, i) => target(`r${i}.region${i}.geo.azurecr.io`));
    for (const t of hosts) s.add(t);
    await tick(1900);
    expect(fake.maxInFlight).toBe(3);
    expect(results).toHaveLength(9); // three waves of three; the tenth is in flight
    // Queued rounds start late, and the lag says by how much.
    expect(results.map((r) => r.lagMs).sort((a, b) => a - b)).toEqual([
      0, 0, 0, 500, 500, 500, 1000, 1000, 1000,
    ]);
    s.stop();
  });

  it("starts an endpoint's grid when its first round starts, after waiting for a slot", async () => {
    const fake = fakeProbe(() => ({ ms: 300 }));
    const { s, results } = scheduler(fake.probe, { intervalMs: 1000, concurrency: 1 });
    const [a, b] = ["a", "b"].map((h) => target(`${h}.westus.geo.azurecr.io`)) as [
      ProbeTarget,
      ProbeTarget,
    ];
    const t0 = performance.now();
    s.add(a);
    s.add(b);
    await tick(2500);
    // b's first round waited 300 ms for a's; its later rounds keep that phase, on time.
    expect(fake.starts(a.host).map((t) => t - t0)).toEqual([0, 1000, 2000]);
    expect(fake.starts(b.host).map((t) => t - t0)).toEqual([300, 1300, 2300]);
    expect(results.filter((r) => r.target.host === b.host).map((r) => r.lagMs)).toEqual([300, 0]);
    s.stop();
  });

  it("opens connections under a bound of their own, apart from probes on open connections", async () => {
    const fake = fakeProbe(() => ({ ms: 100 }));
    const open = new Set<string>();
    const { s } = scheduler(fake.probe, {
      intervalMs: 1000,
      concurrency: 1,
      connected: (t) => open.has(t.host),
    });
    const hosts = ["a", "b", "c"].map((h) => target(`${h}.westus.geo.azurecr.io`));
    const t0 = performance.now();
    for (const t of hosts) s.add(t);
    await tick(50);
    // None is connected: all three open their connections at once, past the bound of one.
    expect(fake.calls.map((c) => c.start - t0)).toEqual([0, 0, 0]);
    for (const t of hosts) open.add(t.host);
    await tick(1200);
    // Connected now: their rounds share the one slot in flight.
    expect(fake.calls.slice(3).map((c) => `${c.host[0]}@${c.start - t0}`)).toEqual([
      "a@1000",
      "b@1100",
      "c@1200",
    ]);
    expect(s.load).toMatchObject({ limit: 1 });
    s.stop();
  });

  it("never queues a second round of an endpoint while one waits for a slot", async () => {
    const fake = fakeProbe(() => ({ ms: 1500 }));
    const { s } = scheduler(fake.probe, { intervalMs: 1000, concurrency: 1 });
    const hosts = ["a", "b", "c"].map((h) => target(`${h}.westus.geo.azurecr.io`));
    for (const t of hosts) s.add(t);
    await tick(20_000);
    // With rounds piling up, some host would appear twice in a row; here each waits its turn.
    const order = fake.calls.map((c) => c.host[0]);
    expect(order.join("")).toMatch(/^(abc)+(a|ab)?$/);
    expect(fake.maxInFlight).toBe(1);
    s.stop();
  });

  it("pauses and resumes an endpoint", async () => {
    const fake = fakeProbe(() => ({ ms: 10 }));
    const { s } = scheduler(fake.probe, { intervalMs: 1000 });
    s.add(A);
    await tick(1500);
    s.pause(A.host);
    await tick(5000);
    expect(fake.calls).toHaveLength(2);
    s.resume(A.host);
    await tick(0);
    expect(fake.calls).toHaveLength(3);
    await tick(1000);
    expect(fake.calls).toHaveLength(4);
    s.stop();
  });

  it("changes the interval of a running endpoint", async () => {
    const fake = fakeProbe(() => ({ ms: 10 }));
    const { s } = scheduler(fake.probe, { intervalMs: 2000 });
    const t0 = performance.now();
    s.add(A);
    await tick(100);
    s.setInterval(A.host, 500);
    await tick(1000);
    expect(fake.starts(A.host).map((t) => t - t0)).toEqual([0, 500, 1000]);
    expect(() => s.setInterval(A.host, 10)).toThrow(RangeError);
    s.stop();
  });

  it("drops the result of a probe in flight when its endpoint is removed", async () => {
    const fake = fakeProbe(() => ({ ms: 500 }));
    const { s, results } = scheduler(fake.probe);
    s.add(A);
    await tick(100);
    s.remove(A.host);
    await tick(10_000);
    expect(results).toHaveLength(0);
    expect(fake.calls).toHaveLength(1);
    expect(s.size).toBe(0);
  });

  it("turns a probe that throws into a lost error sample", async () => {
    const { s, results } = scheduler(() => Promise.reject(new Error("boom")));
    s.add(A);
    await tick(0);
    expect(results[0]?.result).toMatchObject({ verdict: "error", status: null, error: "boom" });
    s.stop();
  });
});
