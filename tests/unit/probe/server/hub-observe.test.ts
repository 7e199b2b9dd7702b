import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ProbeHub, type ProbeFn, type ProbeTarget } from "@/lib/probe/server";

const A = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/a";
const B = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/b";
const HOST_A: ProbeTarget = { host: "a.azurecr.io", kind: "global", region: null };
const HOST_B: ProbeTarget = { host: "b.azurecr.io", kind: "global", region: null };

const probe: ProbeFn = async () => ({
  at: new Date().toISOString(),
  verdict: "ok",
  status: 401,
  reused: true,
  remoteAddress: null,
  phases: { dnsMs: null, connectMs: null, tlsMs: null, sendMs: 0.1, ttfbMs: 10, totalMs: 11 },
});

let hub: ProbeHub | undefined;
beforeEach(() => vi.useFakeTimers({ now: Date.parse("2026-01-01T00:00:00Z") }));
afterEach(() => {
  hub?.close();
  vi.useRealTimers();
});

describe("ProbeHub observers (metrics and history)", () => {
  it("see every sample of every group with its group, until they stop observing", async () => {
    hub = new ProbeHub({ probe, intervalMs: 1000 });
    const seen: string[] = [];
    const stop = hub.observe((s, group) => seen.push(`${group}|${s.host}|${s.stats.n}`));
    hub.subscribe(A, [HOST_A], () => {});
    hub.subscribe(B, [HOST_B], () => {});
    await vi.advanceTimersByTimeAsync(1999);
    expect(seen.filter((x) => x.startsWith(`${A}|a.azurecr.io`))).toHaveLength(2);
    expect(seen.filter((x) => x.startsWith(`${B}|b.azurecr.io`))).toHaveLength(2);
    // The sample carries the endpoint's statistics, as viewers get it.
    expect(seen).toContain(`${A}|a.azurecr.io|2`);
    stop();
    const before = seen.length;
    await vi.advanceTimersByTimeAsync(3000);
    expect(seen).toHaveLength(before);
  });

  it("do not keep an endpoint probed, and a failing observer harms no viewer", async () => {
    hub = new ProbeHub({ probe, intervalMs: 1000, lingerMs: 0 });
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    hub.observe(() => {
      throw new Error("observer failed");
    });
    const got: number[] = [];
    const leave = hub.subscribe(A, [HOST_A], (s) => got.push(s.seq));
    await vi.advanceTimersByTimeAsync(1500);
    expect(got.length).toBeGreaterThan(0);
    leave();
    await vi.advanceTimersByTimeAsync(10);
    expect(hub.activeHosts()).toEqual([]);
    spy.mockRestore();
  });
});
