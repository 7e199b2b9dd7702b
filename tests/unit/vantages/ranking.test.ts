import { describe, expect, it } from "vitest";
import { orderMirrors } from "@/lib/repro/kit";
import { fastestAndNext, rankRegional, regionalLatencies } from "@/lib/vantages/shared/ranking";
import type { VantageEndpoint } from "@/lib/vantages/shared/types";

const endpoint = (
  over: Partial<VantageEndpoint> & Pick<VantageEndpoint, "host">,
): VantageEndpoint => ({
  kind: "regional",
  region: over.host.split(".")[1] ?? null,
  medianMs: 10,
  verdict: "ok",
  at: "2026-01-01T00:00:00Z",
  ...over,
});

describe("fastest regional endpoint and next best per vantage", () => {
  it.each([
    {
      name: "orders by median warm TTFB",
      endpoints: [
        endpoint({ host: "r.eastus.geo.azurecr.io", medianMs: 90 }),
        endpoint({ host: "r.westeurope.geo.azurecr.io", medianMs: 3 }),
        endpoint({ host: "r.uksouth.geo.azurecr.io", medianMs: 9 }),
      ],
      fastest: "r.westeurope.geo.azurecr.io",
      nextBest: "r.uksouth.geo.azurecr.io",
    },
    {
      name: "skips a faster endpoint that is not ok (a failover target must answer)",
      endpoints: [
        endpoint({ host: "r.westeurope.geo.azurecr.io", medianMs: 3, verdict: "throttled" }),
        endpoint({ host: "r.uksouth.geo.azurecr.io", medianMs: 9 }),
        endpoint({ host: "r.eastus.geo.azurecr.io", medianMs: 90 }),
      ],
      fastest: "r.uksouth.geo.azurecr.io",
      nextBest: "r.eastus.geo.azurecr.io",
    },
    {
      name: "ignores the global name and data endpoints (not replicas to pin)",
      endpoints: [
        endpoint({ host: "r.azurecr.io", kind: "global", region: null, medianMs: 1 }),
        endpoint({ host: "r.westeurope.data.azurecr.io", kind: "data", medianMs: 2 }),
        endpoint({ host: "r.westeurope.geo.azurecr.io", medianMs: 3 }),
      ],
      fastest: "r.westeurope.geo.azurecr.io",
      nextBest: null,
    },
    {
      name: "still measuring (no median) is not ranked",
      endpoints: [
        endpoint({ host: "r.westeurope.geo.azurecr.io", medianMs: null }),
        endpoint({ host: "r.eastus.geo.azurecr.io", medianMs: 80 }),
      ],
      fastest: "r.eastus.geo.azurecr.io",
      nextBest: null,
    },
    {
      name: "ties go by region name",
      endpoints: [
        endpoint({ host: "r.uksouth.geo.azurecr.io", medianMs: 5 }),
        endpoint({ host: "r.francecentral.geo.azurecr.io", medianMs: 5 }),
      ],
      fastest: "r.francecentral.geo.azurecr.io",
      nextBest: "r.uksouth.geo.azurecr.io",
    },
    { name: "nothing measured", endpoints: [], fastest: null, nextBest: null },
  ])("$name", ({ endpoints, fastest, nextBest }) => {
    expect(fastestAndNext(endpoints)).toEqual({ fastest, nextBest });
    expect(rankRegional(endpoints).length).toBeLessThanOrEqual(endpoints.length);
  });
});

describe("a vantage's latencies for the pinning kit's mirror order", () => {
  it("gives the ranked regional endpoints' medians, leaving out failing, unmeasured and non-regional ones", () => {
    const latencies = regionalLatencies([
      endpoint({ host: "r.eastus.geo.azurecr.io", medianMs: 90 }),
      endpoint({ host: "r.westeurope.geo.azurecr.io", medianMs: 3, verdict: "throttled" }),
      endpoint({ host: "r.uksouth.geo.azurecr.io", medianMs: null }),
      endpoint({ host: "r.azurecr.io", kind: "global", region: null, medianMs: 1 }),
      endpoint({ host: "r.japaneast.geo.azurecr.io", medianMs: 40 }),
    ]);
    expect(latencies).toEqual({
      "r.japaneast.geo.azurecr.io": 40,
      "r.eastus.geo.azurecr.io": 90,
    });
    // Fed to the kit, the failing endpoint follows the measured ones.
    const order = orderMirrors(
      ["r.westeurope.geo.azurecr.io", "r.eastus.geo.azurecr.io", "r.japaneast.geo.azurecr.io"],
      latencies,
    ).map((m) => m.region);
    expect(order).toEqual(["japaneast", "eastus", "westeurope"]);
  });
});
