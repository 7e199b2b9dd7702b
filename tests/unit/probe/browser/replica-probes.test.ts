import { describe, expect, it } from "vitest";
import { replicaCoverage } from "@/lib/probe/shared/coverage";
import { replicaProbes, withProbeHealth } from "@/lib/probe/browser/replica-probes";
import { probeRows } from "@/lib/probe/browser/table";
import type { EndpointState } from "@/lib/probe/browser/run";
import { targetsFromRegistry } from "@/lib/probe/shared/targets";
import { regionalHosts, registry, threeReplicas } from "@/tests/unit/fixtures";
import { sample, warmStats } from "@/tests/unit/probe/fixtures";

const reg = registry({
  regionalEndpoints: "Enabled",
  regionalEndpointHostNames: regionalHosts.slice(0, 2),
});
const targets = targetsFromRegistry(reg);
const byRegion = (region: string) => targets.find((t) => t.region === region)!;

function state(
  region: string,
  verdict: "ok" | "refused" | "throttled",
  down = false,
): EndpointState {
  const target = byRegion(region);
  const last = { ...sample(target, { verdict, at: "2026-01-02T03:04:05.678Z" }) };
  // A failure among answered samples, or a window with no answer at all (down).
  last.stats = down ? warmStats([], 30) : warmStats([10, 10, 10, 10, 10], verdict === "ok" ? 0 : 1);
  return { target, last, received: 1 };
}

describe("replicaProbes: each replica's latest verdict, or why it has none", () => {
  const coverage = replicaCoverage(reg, threeReplicas, targets);

  it("Ready beside refused: a probed replica whose probe fails is failing, with the sample time", () => {
    const rows = probeRows([state("westeurope", "ok"), state("eastus", "refused")], targets);
    const probes = replicaProbes(coverage, rows);
    expect(probes.get("westeurope")).toMatchObject({
      probed: true,
      failing: false,
      endpoints: [{ kind: "regional", status: "ok", at: "2026-01-02T03:04:05.678Z" }],
    });
    expect(probes.get("eastus")).toMatchObject({
      probed: true,
      failing: true,
      endpoints: [{ status: "refused" }],
    });
    expect(probes.get("southeastasia")).toMatchObject({
      probed: false,
      reason: expect.stringMatching(/^Not probed/),
    });
  });

  it("down reads as down; waiting is not failing", () => {
    const rows = probeRows([state("eastus", "refused", true)], targets);
    const probes = replicaProbes(coverage, rows);
    expect(probes.get("eastus")).toMatchObject({ failing: true, endpoints: [{ status: "down" }] });
    expect(probes.get("westeurope")).toMatchObject({
      failing: false,
      endpoints: [{ status: "waiting" }],
    });
  });

  it("hands the dialogs each probed replica's health and leaves the unprobed alone", () => {
    const rows = probeRows([state("westeurope", "throttled"), state("eastus", "ok")], targets);
    const weighed = withProbeHealth(threeReplicas, replicaProbes(coverage, rows));
    expect(weighed.map((r) => r.probe)).toEqual([
      { failing: true, verdicts: ["throttled"] },
      { failing: false, verdicts: [] },
      undefined,
    ]);
    expect(weighed[2]).toBe(threeReplicas[2]);
  });
});
