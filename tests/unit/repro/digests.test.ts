import { describe, expect, it } from "vitest";
import { overallVerdict, withVerdicts } from "@/lib/repro/digests";
import type { DigestReach, DigestRow } from "@/lib/repro/types";

const A = `sha256:${"a".repeat(64)}`;
const B = `sha256:${"b".repeat(64)}`;
const C = `sha256:${"c".repeat(64)}`;

type Answer = [region: string | null, digest: string | null, reach?: DigestReach];

function rows(values: Answer[]): Omit<DigestRow, "verdict">[] {
  return values.map(([region, digest], i) => ({
    region,
    host: `${region ?? "global"}.example`,
    kind: region ? "regional" : "global",
    isHome: i === 0 && region !== null,
    digest,
  }));
}

function judge(values: Answer[]) {
  const raw = rows(values);
  const reach = new Map(values.map((v) => [`${v[0] ?? "global"}.example`, v[2] ?? "answered"]));
  return withVerdicts(raw, (r) => reach.get(r.host) ?? "answered");
}

describe("digest verdicts", () => {
  it("marks home, same, different, missing and unreachable rows", () => {
    const judged = judge([
      ["eastus", A],
      ["westeurope", A],
      ["japaneast", B],
      ["uksouth", null],
      ["brazilsouth", null, "unreachable"],
      ["koreacentral", null, "denied"],
      [null, A],
    ]);
    expect(judged.map((r) => r.verdict)).toEqual([
      "home",
      "same",
      "different",
      "missing",
      "unreachable",
      "denied",
      "same",
    ]);
  });

  it("is consistent when every replica that answered holds the home's digest", () => {
    expect(
      overallVerdict(
        judge([
          ["eastus", A],
          ["westeurope", A],
          [null, A],
        ]),
      ),
    ).toBe("consistent");
    expect(
      overallVerdict(
        judge([
          ["eastus", A],
          ["westeurope", null, "unreachable"],
        ]),
      ),
    ).toBe("consistent");
  });

  it("is propagating with one other digest or a missing tag, diverged with three digests", () => {
    expect(
      overallVerdict(
        judge([
          ["eastus", A],
          ["westeurope", B],
        ]),
      ),
    ).toBe("propagating");
    expect(
      overallVerdict(
        judge([
          ["eastus", A],
          ["westeurope", null],
        ]),
      ),
    ).toBe("propagating");
    expect(
      overallVerdict(
        judge([
          ["eastus", A],
          ["westeurope", B],
          ["japaneast", C],
        ]),
      ),
    ).toBe("diverged");
  });

  it("calls a watch that waited its limit without convergence diverged", () => {
    const judged = judge([
      ["eastus", A],
      ["westeurope", B],
    ]);
    expect(overallVerdict(judged, { elapsedMs: 1000, limitMs: 5000 })).toBe("propagating");
    expect(overallVerdict(judged, { elapsedMs: 5000, limitMs: 5000 })).toBe("diverged");
  });

  it("uses the global answer alone when regional endpoints are off", () => {
    const judged = judge([[null, A]]);
    expect(judged[0]!.verdict).toBe("home");
    expect(overallVerdict(judged)).toBe("consistent");
  });

  it("is unknown when the home replica did not answer", () => {
    expect(
      overallVerdict(
        judge([
          ["eastus", null, "unreachable"],
          ["westeurope", A],
        ]),
      ),
    ).toBe("unknown");
    // An identity that may not pull from the home replica: the matrix cannot judge either.
    expect(
      overallVerdict(
        judge([
          ["eastus", null, "denied"],
          ["westeurope", null, "denied"],
        ]),
      ),
    ).toBe("unknown");
  });
});
