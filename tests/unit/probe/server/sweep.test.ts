import { describe, expect, it } from "vitest";
import type { EndpointHealth } from "@/lib/fleet/shared/types";
import { FleetSweep } from "@/lib/probe/server/sweep/sweep";
import type { ProbeResult, ProbeTarget, Verdict } from "@/lib/probe/shared/types";

const target = (host: string): ProbeTarget => ({
  host,
  kind: "regional",
  region: host.split(".")[1] ?? null,
});

function result(verdict: Verdict, ttfbMs: number | null, at: string): ProbeResult {
  return {
    at,
    verdict,
    status: verdict === "ok" ? 401 : null,
    reused: false,
    remoteAddress: null,
    phases: { dnsMs: 1, connectMs: 1, tlsMs: 1, sendMs: 0, ttfbMs, totalMs: (ttfbMs ?? 0) + 3 },
  };
}

describe("the fleet sweep", () => {
  it("probes every leased endpoint once per round, at most `concurrency` at once", async () => {
    let inFlight = 0;
    let peak = 0;
    const probed: string[] = [];
    const sweep = new FleetSweep({
      autoStart: false,
      concurrency: 3,
      probe: async (t) => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        probed.push(t.host);
        await new Promise((r) => setTimeout(r, 5));
        inFlight--;
        return result("ok", 10, new Date().toISOString());
      },
    });
    sweep.lease("viewer-a", ["a.eastus.geo.x", "b.eastus.geo.x", "c.westus.geo.x"].map(target));
    sweep.lease(
      "viewer-b",
      ["c.westus.geo.x", "d.westus.geo.x", "e.uksouth.geo.x", "f.uksouth.geo.x"].map(target),
    );
    await sweep.runRound();
    expect([...probed].sort()).toEqual(
      ["a", "b", "c", "d", "e", "f"].map((h) => expect.stringMatching(`^${h}\\.`)),
    );
    expect(probed).toHaveLength(6);
    expect(peak).toBe(3);
    expect(sweep.lastRoundAt).not.toBeNull();
    expect(sweep.healthFor(["a.eastus.geo.x", "nothere"]).map((h) => h.host)).toEqual([
      "a.eastus.geo.x",
    ]);
  });

  it("keeps since when an endpoint has been down, and marks slow against its own baseline", async () => {
    const script: Record<string, [Verdict, number | null][]> = {
      "down.eastus.x": [
        ["ok", 10],
        ["refused", null],
        ["refused", null],
      ],
      "slow.eastus.x": [
        ["ok", 80],
        ["ok", 82],
        ["ok", 79],
        ["ok", 900],
      ],
    };
    let round = 0;
    const sweep = new FleetSweep({
      autoStart: false,
      probe: async (t) => {
        const step = script[t.host]![Math.min(round, script[t.host]!.length - 1)]!;
        return result(step[0], step[1], `2026-12-05T12:0${round}:00.000Z`);
      },
    });
    sweep.lease("v", Object.keys(script).map(target));
    const seen: EndpointHealth[][] = [];
    sweep.subscribe((h) => seen.push(h));
    for (round = 0; round < 4; round++) await sweep.runRound();
    const [down, slow] = sweep.healthFor(["down.eastus.x", "slow.eastus.x"]);
    expect(down).toMatchObject({ verdict: "refused", since: "2026-12-05T12:01:00.000Z" });
    expect(slow).toMatchObject({
      verdict: "ok",
      slow: true,
      ttfbMs: 900,
      baselineMs: 80,
      since: "2026-12-05T12:03:00.000Z",
    });
    // Listeners heard every result, and an end-of-round event per round.
    expect(seen.flat()).toHaveLength(8);
    expect(seen.filter((batch) => batch.length === 0)).toHaveLength(4);
  });

  it("drops an endpoint when no lease holds it any more", async () => {
    let now = 0;
    const sweep = new FleetSweep({
      autoStart: false,
      leaseMs: 1000,
      now: () => now,
      probe: async () => result("ok", 5, new Date(now).toISOString()),
    });
    sweep.lease("v", [target("a.eastus.x")]);
    await sweep.runRound();
    expect(sweep.healthFor(["a.eastus.x"])).toHaveLength(1);
    now = 2000;
    expect(sweep.targets()).toEqual([]);
    await sweep.runRound();
    expect(sweep.healthFor(["a.eastus.x"])).toEqual([]);
  });
});
