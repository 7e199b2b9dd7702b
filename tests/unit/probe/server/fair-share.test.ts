import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  ProbeHub,
  Semaphore,
  type ProbeFn,
  type ProbeResult,
  type ProbeTarget,
} from "@/lib/probe/server";

/*
 * One caller's many endpoints must not slow another caller's probes: probe slots are shared
 * fairly between the callers the hub's loops run for. Probes here wait until the test answers
 * them, so the order in which they start is the whole observation (no timing is measured).
 */

const answer: ProbeResult = {
  at: "2026-01-01T00:00:00.000Z",
  verdict: "ok",
  status: 401,
  reused: false,
  remoteAddress: null,
  phases: { dnsMs: null, connectMs: null, tlsMs: null, sendMs: 0.1, ttfbMs: 5, totalMs: 6 },
};

/** A probe that starts when a slot is free and ends when the test says so. */
function heldProbe() {
  const started: string[] = [];
  const waiting: (() => void)[] = [];
  const probe: ProbeFn = (target) =>
    new Promise((resolve) => {
      started.push(target.host);
      waiting.push(() => resolve(answer));
    });
  return {
    probe,
    started,
    /** Ends the oldest running probe, freeing its slot. */
    finishOne: async () => {
      waiting.shift()?.();
      await vi.advanceTimersByTimeAsync(0);
    },
  };
}

const host = (name: string, i: number): ProbeTarget => ({
  host: `${name}${i}.azurecr.io`,
  kind: "global",
  region: null,
});

let hub: ProbeHub | undefined;
beforeEach(() => {
  vi.useFakeTimers({ now: Date.parse("2026-01-01T00:00:00Z") });
});
afterEach(() => {
  hub?.close();
  hub = undefined;
  vi.useRealTimers();
});

/** Caller A watches 40 endpoints; once their first rounds queue, caller B opens one. */
async function heavyThenLight(owners: { heavy?: string; light?: string }) {
  const held = heldProbe();
  hub = new ProbeHub({
    probe: held.probe,
    concurrency: 2,
    intervalMs: 60_000,
    timeoutMs: 600_000,
    now: () => Date.now(),
  });
  const heavy = Array.from({ length: 40 }, (_, i) => host("heavy", i));
  hub.subscribe("registry-a", heavy, () => {}, { owner: owners.heavy });
  // Every first round of A is due within one interval; let them all queue for the 2 slots.
  await vi.advanceTimersByTimeAsync(60_000);
  expect(held.started).toHaveLength(2);
  hub.subscribe("registry-b", [host("light", 0)], () => {}, { owner: owners.light });
  await vi.advanceTimersByTimeAsync(0);
  // Free slots one by one until B's endpoint has been probed.
  let aStartedMeanwhile = 0;
  while (!held.started.includes("light0.azurecr.io")) {
    await held.finishOne();
    if (held.started.at(-1)?.startsWith("heavy")) aStartedMeanwhile++;
  }
  return aStartedMeanwhile;
}

describe("fair share of probe slots between callers", () => {
  it("a caller's probe waits for at most one of another caller's queued probes", async () => {
    expect(await heavyThenLight({ heavy: "caller-a", light: "caller-b" })).toBeLessThanOrEqual(1);
  });

  it("without owners the queue is first come, first served (what the fair share prevents)", async () => {
    expect(await heavyThenLight({})).toBeGreaterThan(30);
  });

  it("an endpoint both callers watch counts for the lighter one", async () => {
    const held = heldProbe();
    hub = new ProbeHub({
      probe: held.probe,
      concurrency: 1,
      intervalMs: 60_000,
      timeoutMs: 600_000,
      now: () => Date.now(),
    });
    hub.subscribe(
      "registry-a",
      Array.from({ length: 20 }, (_, i) => host("heavy", i)),
      () => {},
      { owner: "a" },
    );
    await vi.advanceTimersByTimeAsync(60_000);
    // B watches an endpoint A also watches: its rounds count for B, not in A's long queue.
    const shared = host("heavy", 19);
    hub.subscribe("registry-a", [shared, host("light", 0)], () => {}, { owner: "b" });
    await vi.advanceTimersByTimeAsync(0);
    let before = 0;
    while (!held.started.includes("light0.azurecr.io")) {
      await held.finishOne();
      before++;
    }
    expect(before).toBeLessThanOrEqual(3);
  });
});

describe("Semaphore", () => {
  it("hands freed slots to keys in turn, FIFO within a key", async () => {
    const semaphore = new Semaphore(1);
    const order: string[] = [];
    const first = await semaphore.acquire("a");
    const waiters = ["a1", "a2", "a3", "b1", "b2", "c1"].map((name) =>
      semaphore.acquire(name[0]).then((release) => {
        order.push(name);
        release();
      }),
    );
    expect(semaphore.queued).toBe(6);
    first();
    await Promise.all(waiters);
    expect(order).toEqual(["a1", "b1", "c1", "a2", "b2", "a3"]);
    expect(semaphore.inUse).toBe(0);
  });
});
