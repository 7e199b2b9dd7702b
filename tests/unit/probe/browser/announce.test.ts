import { describe, expect, it } from "vitest";
import { ANNOUNCE_GAP_MS, VerdictAnnouncer, verdictSummary } from "@/lib/probe/browser/announce";
import type { ProbeRow } from "@/lib/probe/browser/table";
import type { ProbeTarget } from "@/lib/probe/shared/types";
import { EAST, GLOBAL, WEST } from "@/tests/unit/probe/fixtures";

const row = (target: ProbeTarget, verdict: ProbeRow["verdict"], down = false): ProbeRow => ({
  host: target.host,
  kind: target.kind,
  region: target.region,
  verdict,
  stats: null,
  down,
  fastest: false,
});

describe("VerdictAnnouncer", () => {
  it.each<[string, [number, ProbeRow[]][], (string | null)[]]>([
    [
      "first verdicts are the baseline: nothing is said",
      [[0, [row(GLOBAL, "ok"), row(WEST, "ok")]]],
      [null],
    ],
    [
      "waiting rows are no baseline; their first verdict is not a change",
      [
        [0, [row(WEST, "waiting")]],
        [10_000, [row(WEST, "refused")]],
      ],
      [null, null],
    ],
    [
      "a change is announced once, then silence while nothing changes",
      [
        [0, [row(WEST, "ok")]],
        [10_000, [row(WEST, "refused")]],
        [20_000, [row(WEST, "refused")]],
      ],
      [null, "Probe verdicts changed: regional westeurope now refused (was ok).", null],
    ],
    [
      "rate-limited: a second change within the gap waits, then is said once the gap is over",
      [
        [0, [row(WEST, "ok"), row(EAST, "ok")]],
        [10_000, [row(WEST, "refused"), row(EAST, "ok")]],
        [10_000 + ANNOUNCE_GAP_MS - 1, [row(WEST, "refused"), row(EAST, "timeout")]],
        [10_000 + ANNOUNCE_GAP_MS, [row(WEST, "refused"), row(EAST, "timeout")]],
      ],
      [
        null,
        "Probe verdicts changed: regional westeurope now refused (was ok).",
        null,
        "Probe verdicts changed: regional eastus now timeout (was ok).",
      ],
    ],
    [
      "a flap back within the gap is no change",
      [
        [0, [row(WEST, "ok")]],
        [10_000, [row(WEST, "refused")]],
        [11_000, [row(WEST, "ok")]],
        [12_000, [row(WEST, "refused")]],
        [16_000, [row(WEST, "ok")]],
      ],
      [
        null,
        "Probe verdicts changed: regional westeurope now refused (was ok).",
        null,
        null,
        "Probe verdicts changed: regional westeurope now ok (was refused).",
      ],
    ],
    [
      "down is a verdict of its own",
      [
        [0, [row(WEST, "refused")]],
        [10_000, [row(WEST, "refused", true)]],
      ],
      [null, "Probe verdicts changed: regional westeurope now down (was refused)."],
    ],
    [
      "an endpoint that leaves is forgotten, not announced",
      [
        [0, [row(WEST, "ok"), row(EAST, "ok")]],
        [10_000, [row(WEST, "ok")]],
      ],
      [null, null],
    ],
  ])("%s", (_, steps, expected) => {
    const announcer = new VerdictAnnouncer();
    expect(steps.map(([at, rows]) => announcer.update(rows, at))).toEqual(expected);
  });

  it("never says two things less than the gap apart, however often verdicts change", () => {
    const announcer = new VerdictAnnouncer();
    const said: number[] = [];
    for (let t = 0; t < 60_000; t += 250) {
      const verdict = Math.floor(t / 700) % 2 === 0 ? "ok" : "error";
      if (announcer.update([row(WEST, verdict)], t)) said.push(t);
    }
    expect(said.length).toBeGreaterThan(3);
    for (let i = 1; i < said.length; i++) {
      expect(said[i]! - said[i - 1]!).toBeGreaterThanOrEqual(ANNOUNCE_GAP_MS);
    }
  });
});

describe("verdictSummary", () => {
  it("names three changes and counts the rest", () => {
    const change = (label: string) => ({ label, from: "ok" as const, to: "refused" as const });
    expect(verdictSummary(["a", "b", "c", "d", "e"].map(change))).toBe(
      "Probe verdicts changed: a now refused (was ok); b now refused (was ok); c now refused (was ok); and 2 more.",
    );
    expect(verdictSummary([])).toBeNull();
  });
});
