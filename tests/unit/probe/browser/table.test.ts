import { describe, expect, it } from "vitest";
import {
  fastestRegional,
  formatMs,
  formatPct,
  isHealthy,
  phaseSummary,
  probeRows,
  rowStatus,
  sortRows,
  type ProbeRow,
  type SortKey,
} from "@/lib/probe/browser/table";
import { EAST, EAST_DATA, GLOBAL, WEST, sample, warmStats } from "@/tests/unit/probe/fixtures";
import type { ProbeTarget } from "@/lib/probe/shared/types";

function row(target: ProbeTarget, overrides: Partial<ProbeRow> = {}): ProbeRow {
  return {
    host: target.host,
    kind: target.kind,
    region: target.region,
    verdict: "ok",
    stats: null,
    fastest: false,
    ...overrides,
  };
}

const NORTH: ProbeTarget = {
  host: "contoso.northeurope.geo.azurecr.io",
  kind: "regional",
  region: "northeurope",
};

describe("fastestRegional", () => {
  it.each<[string, ProbeRow[], string | undefined]>([
    [
      "the lowest warm median among regional endpoints",
      [
        row(WEST, { stats: warmStats([80, 81, 82, 83, 84]) }),
        row(EAST, { stats: warmStats([9, 10, 11, 12, 13]) }),
        row(NORTH, { stats: warmStats([70, 71, 72, 73, 74]) }),
      ],
      EAST.host,
    ],
    [
      "numbers, not text: 9 ms beats 10 ms and 100 ms",
      [
        row(WEST, { stats: warmStats([100, 100, 100, 100, 100]) }),
        row(EAST, { stats: warmStats([10, 10, 10, 10, 10]) }),
        row(NORTH, { stats: warmStats([9, 9, 9, 9, 9]) }),
      ],
      NORTH.host,
    ],
    [
      "not the global or a data endpoint, however fast",
      [
        row(GLOBAL, { stats: warmStats([1, 1, 1, 1, 1]) }),
        row(EAST_DATA, { stats: warmStats([1, 1, 1, 1, 1]) }),
        row(WEST, { stats: warmStats([80, 80, 80, 80, 80]) }),
        row(NORTH, { stats: warmStats([90, 90, 90, 90, 90]) }),
      ],
      WEST.host,
    ],
    [
      "not one still measuring (fewer than 5 warm samples)",
      [
        row(EAST, { stats: warmStats([2, 2, 2, 2]) }),
        row(WEST, { stats: warmStats([80, 80, 80, 80, 80]) }),
      ],
      WEST.host,
    ],
    [
      "not one whose last sample failed",
      [
        row(EAST, { verdict: "refused", stats: warmStats([2, 2, 2, 2, 2], 1) }),
        row(WEST, { stats: warmStats([80, 80, 80, 80, 80]) }),
      ],
      WEST.host,
    ],
    [
      "ties go to the first region alphabetically",
      [
        row(WEST, { stats: warmStats([5, 5, 5, 5, 5]) }),
        row(EAST, { stats: warmStats([5, 5, 5, 5, 5]) }),
      ],
      EAST.host,
    ],
    [
      "none without qualifying endpoints",
      [row(GLOBAL), row(EAST, { verdict: "waiting" })],
      undefined,
    ],
    [
      "none with a single regional endpoint (the pinned view)",
      [
        row(EAST, { stats: warmStats([5, 5, 5, 5, 5]) }),
        row(EAST_DATA, { stats: warmStats([1, 1, 1, 1, 1]) }),
      ],
      undefined,
    ],
  ])("%s", (_, rows, expected) => {
    expect(fastestRegional(rows)).toBe(expected);
  });
});

describe("sortRows", () => {
  const rows = [
    row(GLOBAL, { stats: warmStats([30, 30, 30, 30, 30]), verdict: "ok" }),
    row(WEST, { stats: warmStats([100, 100, 100, 100, 100]), verdict: "throttled" }),
    row(EAST, { stats: warmStats([9, 9, 9, 9, 9], 2), verdict: "refused" }),
    row(NORTH, { stats: warmStats([1, 1]), verdict: "ok" }),
    row(EAST_DATA, { verdict: "waiting" }),
  ];
  const order = (key: SortKey, dir: "ascending" | "descending") =>
    sortRows(rows, key, dir).map((r) => `${r.kind}:${r.region ?? "-"}`);

  it.each<[SortKey, "ascending" | "descending", string[]]>([
    [
      "endpoint",
      "ascending",
      ["global:-", "regional:eastus", "regional:northeurope", "regional:westeurope", "data:eastus"],
    ],
    // By latency, healthy endpoints (last verdict ok) first in both directions, then the others
    // (throttled, failing, waiting) whatever their figures; within each, measured figures as
    // numbers, measuring and missing last.
    [
      "median",
      "ascending",
      ["global:-", "regional:northeurope", "regional:eastus", "regional:westeurope", "data:eastus"],
    ],
    [
      "median",
      "descending",
      ["global:-", "regional:northeurope", "regional:westeurope", "regional:eastus", "data:eastus"],
    ],
    [
      "min",
      "ascending",
      ["regional:northeurope", "global:-", "regional:eastus", "regional:westeurope", "data:eastus"],
    ],
    [
      "loss",
      "descending",
      ["regional:eastus", "global:-", "regional:northeurope", "regional:westeurope", "data:eastus"],
    ],
    [
      "verdict",
      "ascending",
      ["global:-", "regional:northeurope", "regional:westeurope", "regional:eastus", "data:eastus"],
    ],
    [
      "verdict",
      "descending",
      ["data:eastus", "regional:eastus", "regional:westeurope", "global:-", "regional:northeurope"],
    ],
  ])("by %s %s", (key, dir, expected) => {
    expect(order(key, dir)).toEqual(expected);
  });

  it("does not change its input", () => {
    const before = rows.map((r) => r.host);
    sortRows(rows, "median", "descending");
    expect(rows.map((r) => r.host)).toEqual(before);
  });
});

describe("probeRows", () => {
  it("builds one row per endpoint in endpoint order with the last, cold and warm samples", () => {
    const cold = sample(WEST, { reused: false, ttfbMs: 81 });
    const warm = sample(WEST, { reused: true, ttfbMs: 80 });
    const lost = sample(WEST, { verdict: "refused" });
    const rows = probeRows([
      { target: WEST, last: lost, lastCold: cold, lastWarm: warm, received: 3 },
      { target: GLOBAL, received: 0 },
    ]);
    expect(rows.map((r) => r.host)).toEqual([GLOBAL.host, WEST.host]);
    expect(rows[0]).toMatchObject({ verdict: "waiting", stats: null, fastest: false });
    expect(rows[1]).toMatchObject({ verdict: "refused", lastCold: cold, lastWarm: warm });
  });
});

describe("formatting", () => {
  it.each<[number | null, string]>([
    [null, "—"],
    [0.423, "0.42 ms"],
    [12.34, "12.3 ms"],
    [245.4, "245 ms"],
    [1234, "1.23 s"],
  ])("formatMs(%s) = %s", (ms, text) => expect(formatMs(ms)).toBe(text));

  it("formats loss", () => {
    expect(formatPct(0)).toBe("0 %");
    expect(formatPct(100 / 30)).toBe("3.3 %");
  });

  it("lists the phases a cold sample went through and only TTFB and total for a warm one", () => {
    const cold = sample(WEST, { reused: false, ttfbMs: 80 }).phases;
    expect(phaseSummary(cold)).toBe(
      "DNS 0.50 ms · connect 20.0 ms · TLS 21.0 ms · TTFB 80.0 ms · total 122 ms",
    );
    expect(phaseSummary(sample(WEST, { ttfbMs: 80 }).phases)).toBe("TTFB 80.0 ms · total 80.5 ms");
  });
});

describe("down, healthy and the fastest mark", () => {
  const downStats = warmStats([], 30);

  it("a row whose whole window was lost is down, and reads as down", () => {
    const rows = probeRows([
      {
        target: WEST,
        last: { ...sample(WEST, { verdict: "refused" }), stats: downStats },
        received: 30,
      },
    ]);
    expect(rows[0]).toMatchObject({ verdict: "refused", down: true });
    expect(rowStatus(rows[0]!)).toBe("down");
    expect(isHealthy(rows[0]!)).toBe(false);
  });

  it.each<[string, Partial<ProbeRow>, boolean]>([
    ["ok", { verdict: "ok" }, true],
    ["throttled", { verdict: "throttled" }, false],
    ["forbidden", { verdict: "forbidden" }, false],
    ["error", { verdict: "error" }, false],
    ["waiting", { verdict: "waiting" }, false],
    [
      "ok but down (cannot happen from the server, still not healthy)",
      { verdict: "ok", down: true },
      false,
    ],
  ])("healthy when %s: %s", (_, overrides, healthy) => {
    expect(isHealthy(row(WEST, overrides))).toBe(healthy);
  });

  it.each<[string, ProbeRow[], string | undefined]>([
    [
      "a throttled endpoint with the lowest median is not the fastest",
      [
        row(EAST, { verdict: "throttled", stats: warmStats([1, 1, 1, 1, 1]) }),
        row(WEST, { stats: warmStats([80, 80, 80, 80, 80]) }),
        row(NORTH, { stats: warmStats([90, 90, 90, 90, 90]) }),
      ],
      WEST.host,
    ],
    [
      "nor a forbidden one",
      [
        row(EAST, { verdict: "forbidden", stats: warmStats([1, 1, 1, 1, 1]) }),
        row(WEST, { stats: warmStats([80, 80, 80, 80, 80]) }),
      ],
      WEST.host,
    ],
    [
      "none when no regional endpoint is healthy",
      [
        row(EAST, { verdict: "throttled", stats: warmStats([1, 1, 1, 1, 1]) }),
        row(WEST, { verdict: "error", stats: warmStats([2, 2, 2, 2, 2]) }),
      ],
      undefined,
    ],
  ])("%s", (_, rows, expected) => {
    expect(fastestRegional(rows)).toBe(expected);
  });

  it.each<[SortKey, "ascending" | "descending"]>([
    ["median", "ascending"],
    ["median", "descending"],
    ["p90", "ascending"],
    ["min", "ascending"],
    ["last", "ascending"],
    ["last", "descending"],
  ])("by %s %s, a throttled, forbidden or down endpoint sorts after healthy ones", (key, dir) => {
    const fastFailing = [
      row(EAST, {
        verdict: "throttled",
        stats: warmStats([1, 1, 1, 1, 1]),
        last: sample(EAST, { verdict: "throttled", ttfbMs: 1 }),
      }),
      row(EAST_DATA, {
        verdict: "forbidden",
        stats: warmStats([2, 2, 2, 2, 2]),
        last: sample(EAST_DATA, { verdict: "forbidden", ttfbMs: 2 }),
      }),
      row(NORTH, { verdict: "refused", down: true, stats: downStats }),
    ];
    const healthy = [
      row(WEST, { stats: warmStats([80, 80, 80, 80, 80]), last: sample(WEST, { ttfbMs: 80 }) }),
      row(GLOBAL, {
        stats: warmStats([200, 200, 200, 200, 200]),
        last: sample(GLOBAL, { ttfbMs: 200 }),
      }),
    ];
    const sorted = sortRows([...fastFailing, ...healthy], key, dir).map((r) => r.host);
    expect(sorted.slice(0, 2).sort()).toEqual([GLOBAL.host, WEST.host].sort());
    expect(sorted.slice(2).sort()).toEqual(fastFailing.map((r) => r.host).sort());
  });

  it("by verdict, down ranks with the worst", () => {
    const rows = [
      row(WEST, { verdict: "refused", down: true }),
      row(EAST, { verdict: "throttled" }),
      row(GLOBAL, { verdict: "ok" }),
    ];
    expect(sortRows(rows, "verdict", "ascending").map((r) => r.host)).toEqual([
      GLOBAL.host,
      EAST.host,
      WEST.host,
    ]);
  });

  it("with the page's targets: exactly those rows, waiting where the stream has none yet", () => {
    const rows = probeRows(
      [
        { target: GLOBAL, last: sample(GLOBAL), received: 1 },
        { target: WEST, last: sample(WEST), received: 1 },
      ],
      [GLOBAL, EAST],
    );
    expect(rows.map((r) => [r.host, r.verdict])).toEqual([
      [GLOBAL.host, "ok"],
      [EAST.host, "waiting"],
    ]);
  });
});
