import { describe, expect, it } from "vitest";
import {
  runFileName,
  runJson,
  runMarkdown,
  summarizeRun,
  type RunInput,
} from "@/lib/probe/browser/export";
import { EAST, EAST_DATA, sample } from "@/tests/unit/probe/fixtures";

function run(): RunInput {
  const at = (s: number) => new Date(Date.parse("2026-03-04T05:06:00Z") + s * 1000).toISOString();
  return {
    registryId:
      "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-prod/providers/Microsoft.ContainerRegistry/registries/contoso",
    registryName: "contoso",
    region: "eastus",
    vantage: { consoleHost: "console-eastus-1", mode: "azure" },
    intervalMs: 2000,
    targets: [EAST, EAST_DATA],
    samples: [
      sample(EAST, { at: at(0), reused: false, ttfbMs: 50 }),
      sample(EAST, { at: at(2), ttfbMs: 10 }),
      sample(EAST, { at: at(4), ttfbMs: 30 }),
      sample(EAST, { at: at(6), ttfbMs: 100 }),
      sample(EAST, { at: at(8), ttfbMs: 20 }),
      sample(EAST, { at: at(10), verdict: "refused" }),
      sample(EAST_DATA, { at: at(1), verdict: "forbidden", ttfbMs: 12 }),
    ],
  };
}

describe("summarizeRun", () => {
  it("counts verdicts and computes warm and cold figures per endpoint over the whole run", () => {
    const s = summarizeRun(run());
    expect(s).toMatchObject({
      from: "2026-03-04T05:06:00.000Z",
      to: "2026-03-04T05:06:10.000Z",
      samples: 7,
      verdicts: { ok: 5, refused: 1, forbidden: 1, throttled: 0 },
    });
    const east = s.endpoints[0];
    // Warm 10, 20, 30, 100: even n, numeric sort -> median (20 + 30) / 2; p90 interpolated.
    expect(east?.warm).toMatchObject({ n: 4, medianMs: 25, minMs: 10, maxMs: 100 });
    expect(east?.warm.p90Ms).toBeCloseTo(79, 9);
    expect(east?.cold).toMatchObject({ n: 1, medianMs: 50 });
    expect(east?.lossPct).toBeCloseTo(100 / 6);
    expect(s.endpoints[1]).toMatchObject({ host: EAST_DATA.host, samples: 1, lossPct: 0 });
  });

  it("handles an empty run", () => {
    const s = summarizeRun({ ...run(), samples: [] });
    expect(s).toMatchObject({ from: null, to: null, samples: 0 });
    expect(s.endpoints[0]?.warm.medianMs).toBeNull();
  });
});

describe("exports", () => {
  it("JSON carries the summary and every sample", () => {
    const parsed = JSON.parse(runJson(run()));
    expect(parsed.samples).toHaveLength(7);
    expect(parsed.summary.vantage.consoleHost).toBe("console-eastus-1");
  });

  it("Markdown says what, from where, when, the counts and the figures", () => {
    const md = runMarkdown(run());
    expect(md).toContain("## Endpoint probes: contoso in eastus");
    expect(md).toContain("Vantage point: console server `console-eastus-1`");
    expect(md).toContain("2026-03-04T05:06:00.000Z to 2026-03-04T05:06:10.000Z");
    expect(md).toContain("Samples: 7; verdicts: ok 5, forbidden 1, refused 1");
    expect(md).toContain(
      "| `contoso.eastus.geo.azurecr.io` | regional | 6 | ok 5, refused 1 | 16.7 % | 25.0 ms (n=4) | 79.0 ms | 50.0 ms (n=1) | 50.0 ms |",
    );
  });

  it("names files after the registry, region and time", () => {
    expect(runFileName(run(), "md", new Date("2026-03-04T05:06:07Z"))).toBe(
      "probes-contoso-eastus-20260304-050607.md",
    );
  });
});
