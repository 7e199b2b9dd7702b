import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "@/lib/errors";
import {
  DEFAULT_CONCURRENCY,
  DEFAULT_MAX_ENDPOINTS,
  MAX_CONCURRENCY,
  MIN_CONCURRENCY,
  PROBE_CPU_MS,
  PROBE_WAIT_MS,
  ProbeHub,
  ProbeScheduler,
  SampleRing,
  type ProbeFn,
  type ProbeResult,
  type ProbeSample,
  type ProbeTarget,
  type ScheduledResult,
} from "@/lib/probe/server";

/*
 * The probe engine at scale, on the fake clock: how many probes it keeps in flight, how many
 * endpoints it accepts, how it starts a large subscription, and how much it keeps per endpoint.
 */

const GROUP =
  "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/big";

const targets = (n: number, prefix = "r"): ProbeTarget[] =>
  Array.from({ length: n }, (_, i) => ({
    host: `${prefix}${i}.region${i}.geo.azurecr.io`,
    kind: "regional",
    region: `region${i}`,
  }));

/** An answered probe (ACR's 401 with its challenge) of `ttfbMs`, started at `at`. */
const answered = (at: string, reused: boolean, ttfbMs: number): ProbeResult => ({
  at,
  verdict: "ok",
  status: 401,
  reused,
  remoteAddress: "10.0.0.1",
  phases: { dnsMs: null, connectMs: null, tlsMs: null, sendMs: 0.1, ttfbMs, totalMs: ttfbMs },
});

/**
 * A probe answering after `ms` of the fake clock (a cross-region reply), counting calls in
 * flight, with a CPU clock that advances `cpuMsPerProbe` a probe (what the adaptive bound reads).
 */
function slowProbe(
  ms: number,
  result: (n: number) => Partial<ProbeResult> = () => ({}),
  cpuMsPerProbe = PROBE_CPU_MS,
) {
  let inFlight = 0;
  let peak = 0;
  let calls = 0;
  let cpu = 0;
  const probe: ProbeFn = async () => {
    const n = calls++;
    cpu += cpuMsPerProbe;
    inFlight++;
    peak = Math.max(peak, inFlight);
    const at = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, ms));
    inFlight--;
    return { ...answered(at, n > 0, ms), ...result(n) };
  };
  return {
    probe,
    cpuMs: () => cpu,
    get peak() {
      return peak;
    },
    resetPeak() {
      peak = inFlight;
    },
    get inFlight() {
      return inFlight;
    },
    get calls() {
      return calls;
    },
  };
}

const tick = (ms: number) => vi.advanceTimersByTimeAsync(ms);
const p99 = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.99)];

let hub: ProbeHub | undefined;
let scheduler: ProbeScheduler | undefined;
beforeEach(() => {
  vi.useFakeTimers({ now: Date.parse("2026-01-01T00:00:00Z") });
});
afterEach(() => {
  hub?.close();
  scheduler?.stop();
  hub = undefined;
  scheduler = undefined;
  vi.useRealTimers();
});

describe("the bound on probes in flight", () => {
  it("follows from a probe's CPU against its wait: hundreds, one core's worth", () => {
    expect(DEFAULT_CONCURRENCY).toBe(Math.ceil(PROBE_WAIT_MS / PROBE_CPU_MS));
    expect(DEFAULT_CONCURRENCY).toBeGreaterThanOrEqual(200);
  });

  it("keeps up to that many probes in flight and never more", async () => {
    const fake = slowProbe(100);
    const results: ScheduledResult[] = [];
    scheduler = new ProbeScheduler({
      probe: fake.probe,
      cpuMs: fake.cpuMs,
      onResult: (r) => results.push(r),
      intervalMs: 1000,
    });
    // 500 endpoints due at the same instant: the first DEFAULT_CONCURRENCY go, the rest wait.
    for (const t of targets(500)) scheduler.add(t);
    await tick(1);
    expect(fake.peak).toBe(DEFAULT_CONCURRENCY);
    expect(scheduler.load).toMatchObject({ limit: DEFAULT_CONCURRENCY, inFlight: 200 });
    await tick(2000);
    expect(fake.peak).toBe(DEFAULT_CONCURRENCY);
    expect(results.length).toBeGreaterThanOrEqual(500);
  });

  it("probes 600 endpoints of 100 ms answers a second on time, where 16 slots fall behind", async () => {
    const run = async (concurrency?: number) => {
      const fake = slowProbe(100);
      const lags: number[] = [];
      const s = new ProbeScheduler({
        probe: fake.probe,
        cpuMs: fake.cpuMs,
        onResult: (r) => lags.push(r.lagMs),
        intervalMs: 1000,
        ...(concurrency ? { concurrency } : {}),
      });
      // Spread over the interval, as the hub starts them.
      targets(600).forEach((t, i) => s.add(t, { startInMs: (i * 1000) / 600 }));
      await tick(3000);
      s.stop();
      return lags;
    };
    const bounded = await run();
    expect(bounded.length).toBeGreaterThanOrEqual(600 * 2);
    expect(p99(bounded)).toBeLessThan(1);
    const sixteen = await run(16);
    // 16 slots of 100 ms: 160 probes a second for 600 a second of demand.
    expect(sixteen.length).toBeLessThan(600);
    expect(p99(sixteen)).toBeGreaterThan(1000);
  }, 60_000);
});

describe("the adaptive bound", () => {
  const run = async (replyMs: number, cpuMsPerProbe: number, endpoints: number) => {
    const fake = slowProbe(replyMs, () => ({}), cpuMsPerProbe);
    const lags: { at: number; lag: number }[] = [];
    scheduler = new ProbeScheduler({
      probe: fake.probe,
      cpuMs: fake.cpuMs,
      onResult: (r) => lags.push({ at: r.scheduledAt, lag: r.lagMs }),
      intervalMs: 1000,
    });
    const t0 = performance.now();
    targets(endpoints).forEach((t, i) => scheduler!.add(t, { startInMs: (i * 1000) / endpoints }));
    await tick(4000);
    fake.resetPeak();
    const from = lags.length;
    await tick(2000);
    return {
      limit: scheduler.load.limit,
      peak: fake.peak,
      lateLags: lags.slice(from).map((l) => l.lag),
      t0,
    };
  };

  it("raises the limit when answers are slow, so demand is met on time again", async () => {
    // 900 probes a second of 300 ms answers need 270 in flight: more than the first 200.
    const { limit, peak, lateLags } = await run(300, 0.5, 900);
    expect(limit).toBe(600);
    expect(peak).toBeGreaterThan(DEFAULT_CONCURRENCY);
    expect(p99(lateLags)).toBeLessThan(1);
  }, 60_000);

  it("lowers it when each probe costs the process more CPU", async () => {
    const { limit, peak } = await run(100, 2, 300);
    expect(limit).toBe(50);
    expect(peak).toBeLessThanOrEqual(50);
  }, 60_000);

  it("is not lowered by endpoints opening connections: connected ones keep their schedule", async () => {
    // 1,000 endpoints connect at once: a round that opens a connection takes 300 ms and 5 ms of
    // CPU, one on an open connection 100 ms and 0.25 ms.
    const open = new Set<string>();
    let cpu = 0;
    const probe: ProbeFn = async (target) => {
      const opening = !open.has(target.host);
      cpu += opening ? 5 : 0.25;
      const at = new Date().toISOString();
      await new Promise((resolve) => setTimeout(resolve, opening ? 300 : 100));
      open.add(target.host);
      return answered(at, !opening, 100);
    };
    const warmLags: number[] = [];
    scheduler = new ProbeScheduler({
      probe,
      cpuMs: () => cpu,
      connected: (t) => open.has(t.host),
      onResult: (r) => {
        if (r.result.reused) warmLags.push(r.lagMs);
      },
      intervalMs: 1000,
    });
    targets(1000).forEach((t, i) => scheduler!.add(t, { startInMs: i }));
    const limits: number[] = [];
    for (let s = 0; s < 3; s++) {
      await tick(1000);
      limits.push(scheduler.load.limit);
    }
    expect(open.size).toBeLessThan(1000);
    // While most rounds open connections, the bound on probes on open connections stays put
    // (their CPU would have lowered it to a few dozen) and those probes start on time.
    expect(limits).toEqual([DEFAULT_CONCURRENCY, DEFAULT_CONCURRENCY, DEFAULT_CONCURRENCY]);
    expect(warmLags.length).toBeGreaterThan(500);
    expect(p99(warmLags)).toBeLessThan(1);
    // Once every endpoint is connected it follows their own cost: 100 ms / 0.25 ms.
    await tick(5000);
    expect(open.size).toBe(1000);
    expect(scheduler.load.limit).toBe(400);
  }, 60_000);

  it("stays within its bounds", async () => {
    expect((await run(100, 50, 100)).limit).toBe(MIN_CONCURRENCY);
    scheduler?.stop();
    expect((await run(1000, 0.01, 100)).limit).toBeLessThanOrEqual(MAX_CONCURRENCY);
  }, 60_000);
});

describe("the cap on endpoints per process", () => {
  it("defaults to 3,000 and refuses past it with a 429 that says what to do", async () => {
    expect(DEFAULT_MAX_ENDPOINTS).toBe(3000);
    const fake = slowProbe(10);
    hub = new ProbeHub({ probe: fake.probe, intervalMs: 1000, maxEndpoints: 10, lingerMs: 5000 });
    expect(hub.capacity).toBe(10);
    const first = targets(8);
    const stop = hub.subscribe(GROUP, first, () => {});
    let refusal: unknown;
    try {
      hub.subscribe("other", targets(3, "x"), () => {});
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(ApiError);
    expect((refusal as ApiError).status).toBe(429);
    expect((refusal as ApiError).code).toBe("ProbeCapacityReached");
    expect((refusal as ApiError).message).toMatch(/at most 10/);
    expect((refusal as ApiError).toBody().error.details).toMatchObject({ retryAfterSeconds: 30 });
    // Nothing of the refused subscription was added; the running endpoints go on.
    expect(hub.activeHosts()).toHaveLength(8);
    await tick(1500);
    expect(fake.calls).toBeGreaterThanOrEqual(8);

    // Endpoints already probed cost nothing more: another viewer of them plus two new ones fits.
    const samples: ProbeSample[] = [];
    hub.subscribe(GROUP, [...first, ...targets(2, "y")], (s) => samples.push(s));
    expect(hub.activeHosts()).toHaveLength(10);

    // Lingering loops still count until they stop.
    stop();
    expect(() => hub!.subscribe("third", targets(1, "z"), () => {})).toThrow(ApiError);
  });

  it("takes a new cap while running: probed endpoints go on, only new ones are checked", async () => {
    const fake = slowProbe(10);
    hub = new ProbeHub({ probe: fake.probe, intervalMs: 1000, maxEndpoints: 10 });
    const first = targets(6);
    hub.subscribe(GROUP, first, () => {});
    hub.capacity = 4;
    expect(hub.capacity).toBe(4);
    expect(hub.activeHosts()).toHaveLength(6);
    // Another viewer of what is probed adds nothing; a new endpoint is refused.
    hub.subscribe("second", first, () => {});
    expect(() => hub!.subscribe("third", targets(1, "z"), () => {})).toThrow(ApiError);
    hub.capacity = 7;
    hub.subscribe("third", targets(1, "z"), () => {});
    expect(hub.activeHosts()).toHaveLength(7);
  });
});

describe("the first round of a large subscription", () => {
  it("starts every endpoint within one interval, so every sample after it is taken", async () => {
    const fake = slowProbe(100);
    hub = new ProbeHub({ probe: fake.probe, cpuMs: fake.cpuMs, intervalMs: 2000 });
    const firsts = new Map<string, number>();
    const counts = new Map<string, number>();
    const start = Date.now();
    hub.subscribe(GROUP, targets(1000), (s) => {
      if (!firsts.has(s.host)) firsts.set(s.host, Date.parse(s.at) - start);
      counts.set(s.host, (counts.get(s.host) ?? 0) + 1);
    });
    // Answers take 100 ms: the last first round, started before 2 s, has answered by 2.1 s.
    await tick(2100);
    expect(firsts.size).toBe(1000);
    expect(Math.max(...firsts.values())).toBeLessThan(2000);
    // Evenly spread: no burst of new connections at the start.
    const firstHalfSecond = [...firsts.values()].filter((ms) => ms < 500).length;
    expect(firstHalfSecond).toBeLessThanOrEqual(251);
    await tick(8000 - 1);
    // Rounds started in the first 10 s at 2 s (answered by 10.1 s): five of every endpoint.
    expect(new Set(counts.values())).toEqual(new Set([5]));
  }, 60_000);

  it("places first rounds from the subscription's start, however long adding the endpoints takes", async () => {
    const fake = slowProbe(100);
    // Adding endpoints takes time: each clock read while adding moves the fake clock 0.25 ms
    // (about 500 ms for 1,000 endpoints).
    let adding = false;
    const now = () => {
      if (adding) vi.advanceTimersByTime(0.25);
      return performance.now();
    };
    hub = new ProbeHub({ probe: fake.probe, cpuMs: fake.cpuMs, intervalMs: 2000, now });
    const firsts = new Map<string, number>();
    const start = Date.now();
    adding = true;
    hub.subscribe(GROUP, targets(1000), (s) => {
      if (!firsts.has(s.host)) firsts.set(s.host, Date.parse(s.at) - start);
    });
    adding = false;
    expect(Date.now() - start).toBeGreaterThanOrEqual(400);
    await tick(2100);
    expect(firsts.size).toBe(1000);
    expect(Math.max(...firsts.values())).toBeLessThan(2000);
  }, 60_000);
});

describe("the kept samples", () => {
  it("holds a fixed number per endpoint whatever the run's length", () => {
    const ring = new SampleRing(targets(1)[0]!, 150, 30);
    expect(ring.capacity).toBe(179);
    for (let seq = 1; seq <= 1000; seq++) {
      ring.push(
        {
          at: new Date(Date.parse("2026-01-01T00:00:00Z") + seq * 1000).toISOString(),
          verdict: seq % 10 === 0 ? "timeout" : "ok",
          status: seq % 10 === 0 ? null : 401,
          reused: seq > 1,
          remoteAddress: "10.0.0.1",
          phases: {
            dnsMs: null,
            connectMs: null,
            tlsMs: null,
            sendMs: 0.1,
            ttfbMs: seq % 10 === 0 ? null : seq,
            totalMs: seq,
          },
        },
        { seq, lagMs: 0 },
      );
    }
    expect(ring.size).toBe(179);
    const replay = ring.after(0);
    expect(replay).toHaveLength(150);
    expect(replay[0]?.seq).toBe(851);
    // The oldest replayed sample still has its whole window behind its statistics.
    expect(replay[0]?.stats.windowSize).toBe(30);
    expect(replay.at(-1)?.stats).toMatchObject({ windowSize: 30, lossPct: 10 });
  });

  it("replays exactly what was delivered live, statistics recomputed", async () => {
    const fake = slowProbe(20, (n) =>
      n % 7 === 3
        ? { verdict: "refused", status: null, error: "ECONNREFUSED", reused: false }
        : n % 11 === 5
          ? { verdict: "throttled", status: 429, retryAfter: "5" }
          : {
              phases: {
                dnsMs: 1,
                connectMs: 2,
                tlsMs: 3,
                sendMs: 0.25,
                ttfbMs: 20 + (n % 13),
                totalMs: 40.5,
              },
            },
    );
    hub = new ProbeHub({ probe: fake.probe, intervalMs: 1000, historySize: 40, windowSize: 10 });
    const live: ProbeSample[] = [];
    hub.subscribe(GROUP, targets(3), (s) => live.push(s));
    await tick(150_000);
    const replayed: ProbeSample[] = [];
    hub.subscribe(GROUP, targets(3), (s) => replayed.push(s));
    // At most the history per endpoint, and every one of them equal to its live delivery.
    expect(replayed).toHaveLength(3 * 40);
    const bySeq = new Map(live.map((s) => [s.seq, s]));
    for (const sample of replayed) expect(sample).toEqual(bySeq.get(sample.seq));
    expect(replayed.some((s) => s.backoffMs !== undefined && s.retryAfter === "5")).toBe(true);
    expect(replayed.some((s) => s.error === "ECONNREFUSED")).toBe(true);
  });
});
