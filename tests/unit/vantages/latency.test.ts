import { describe, expect, it } from "vitest";
import type { ProbeSample, ProbeTarget } from "@/lib/probe/shared/types";
import { latencyByVantage } from "@/lib/vantages/server/latency";
import { sample } from "../probe/fixtures";

const target = (region: string): ProbeTarget => ({
  host: `reg.${region}.geo.azurecr.io`,
  kind: "regional",
  region,
});
const EAST = target("eastus");
const WEST = target("westeurope");
const UK = target("uksouth");

/** A sample whose window median is `medianMs`, with the given last verdict. */
const last = (t: ProbeTarget, medianMs: number, verdict: ProbeSample["verdict"] = "ok") => {
  const s = sample(t, { verdict });
  return { ...s, stats: { ...s.stats, medianMs } };
};

function answer(console: Record<string, ProbeSample>, agent?: Record<string, ProbeSample>) {
  return latencyByVantage({
    registryId:
      "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/reg",
    targets: [EAST, WEST, UK],
    consoleName: "console",
    hub: { latest: (host) => console[host] },
    feeds: agent
      ? [
          {
            name: "aks-westeurope",
            status: { state: "live", at: 0 },
            probes: () => true,
            last: (host) => agent[host],
          },
        ]
      : [],
  });
}

describe("latencyByVantage", () => {
  it("gives a failing endpoint its verdict and no latency, and never ranks it", () => {
    const rows = answer({
      // eastus answered fast until it went down: its old median must not read as fast.
      [EAST.host]: last(EAST, 2, "refused"),
      [WEST.host]: last(WEST, 80),
      [UK.host]: last(UK, 75),
    }).vantages;
    const east = rows[0]!.endpoints.find((e) => e.host === EAST.host)!;
    expect(east).toMatchObject({ verdict: "refused", medianMs: null });
    expect(rows[0]).toMatchObject({ fastest: UK.host, nextBest: WEST.host });
  });

  it("ranks each vantage by its own measurements, and an endpoint not yet probed shows nothing", () => {
    const rows = answer(
      { [EAST.host]: last(EAST, 2), [WEST.host]: last(WEST, 80) },
      { [WEST.host]: last(WEST, 3), [UK.host]: last(UK, 9), [EAST.host]: last(EAST, 90) },
    ).vantages;
    expect(rows.map((r) => [r.name, r.status, r.fastest, r.nextBest])).toEqual([
      ["console", "live", EAST.host, WEST.host],
      ["aks-westeurope", "live", WEST.host, UK.host],
    ]);
    expect(rows[0]!.endpoints.find((e) => e.host === UK.host)).toMatchObject({
      verdict: null,
      medianMs: null,
      at: null,
    });
  });
});
