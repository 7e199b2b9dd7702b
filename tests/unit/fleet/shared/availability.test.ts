import { describe, expect, it } from "vitest";
import { attentionFor } from "@/lib/fleet/shared/attention";
import {
  AVAILABILITY_MIN_PROBES,
  formatAvailability,
  registryAvailability,
  replicaAvailability,
  replicaKey,
} from "@/lib/fleet/shared/availability";
import { replicaRows } from "@/lib/fleet/shared/replica-row";
import { applyFleetView, DEFAULT_FLEET_VIEW } from "@/lib/fleet/shared/view";
import { availabilityPct, isAvailable } from "@/lib/probe/shared/availability";
import { VERDICTS } from "@/lib/probe/shared/types";
import { fleetRegistry, fleetReplica, NOW } from "../fixtures";

const WEU = "contosoprod.westeurope.geo.azurecr.io";
const WEU_DATA = "contosoprod.westeurope.data.azurecr.io";
const EUS = "contosoprod.eastus.geo.azurecr.io";

const registry = fleetRegistry({
  regionalEndpoints: "Enabled",
  replicas: [
    fleetReplica("eastus", { regionalEndpoint: EUS }),
    fleetReplica("westeurope", { regionalEndpoint: WEU, dataEndpoint: WEU_DATA }),
    fleetReplica("uksouth", { regionalEndpoint: "contosoprod.uksouth.geo.azurecr.io" }),
  ],
});

describe("availability: one definition", () => {
  it("counts only ok probes as available", () => {
    expect(VERDICTS.filter(isAvailable)).toEqual(["ok"]);
  });
});

describe("replicaAvailability", () => {
  it("pools a replica's regional and data endpoints per vantage and keeps the worst vantage", () => {
    const result = replicaAvailability(
      [registry],
      [
        { vantage: "console", host: WEU, ok: 1440, total: 1440 },
        { vantage: "console", host: WEU_DATA, ok: 1380, total: 1440 },
        { vantage: "westeurope-aks", host: WEU.toUpperCase(), ok: 700, total: 720 },
        { vantage: "console", host: EUS, ok: 100, total: 100 },
        // The global name counts for no replica.
        { vantage: "console", host: "contosoprod.azurecr.io", ok: 0, total: 1000 },
      ],
    );
    const weu = result[replicaKey(registry.id, "westeurope")]!;
    // console: (1440 + 1380) / 2880 = 97.9 %; westeurope-aks: 700 / 720 = 97.2 %, the worst.
    expect(weu).toEqual({
      pct: 97.222222,
      ok: 700,
      total: 720,
      vantage: "westeurope-aks",
      vantages: 2,
    });
    expect(result[replicaKey(registry.id, "eastus")]?.pct).toBe(100);
    // No probes: no entry ("No data"), not 0 % or 100 %.
    expect(result[replicaKey(registry.id, "uksouth")]).toBeUndefined();
    expect(registryAvailability(registry, result)).toBe(weu);
  });

  it("never answers for hosts of registries the caller did not pass (another caller's)", () => {
    const other = fleetRegistry({
      name: "fabrikam",
      replicas: [fleetReplica("eastus", { regionalEndpoint: "fabrikam.eastus.geo.azurecr.io" })],
    });
    const result = replicaAvailability(
      [registry],
      [{ vantage: "console", host: "fabrikam.eastus.geo.azurecr.io", ok: 1, total: 2 }],
    );
    expect(Object.keys(result)).toEqual([]);
    expect(result[replicaKey(other.id, "eastus")]).toBeUndefined();
  });

  it("sums the same vantage and host given twice (the sweep's store and the live history)", () => {
    const result = replicaAvailability(
      [registry],
      [
        { vantage: "console", host: EUS, ok: 10, total: 10 },
        { vantage: "console", host: EUS, ok: 0, total: 10 },
      ],
    );
    expect(result[replicaKey(registry.id, "eastus")]).toMatchObject({ pct: 50, total: 20 });
  });
});

describe("formatAvailability", () => {
  it.each([
    [100, "100"],
    [99.9999, "99.99"],
    [97.5, "97.50"],
    [0, "0.00"],
  ])("%s %% shows as %s (rounded down: one failure never shows as 100)", (pct, text) => {
    expect(formatAvailability({ pct, ok: 0, total: 1, vantage: "v", vantages: 1 })).toBe(text);
  });

  it("says No data without figures", () => {
    expect(formatAvailability(undefined)).toBe("No data");
  });
});

describe("the availability-low attention rule", () => {
  const figures = (pct: number, total: number) => ({
    [replicaKey(registry.id, "westeurope")]: {
      pct,
      ok: Math.round((pct * total) / 100),
      total,
      vantage: "console",
      vantages: 1,
    },
  });
  const low = (pct: number, total: number, minPct = 99) =>
    attentionFor([registry], [], {
      now: NOW,
      stuckAfterMs: 1_800_000,
      availability: { replicas: figures(pct, total), minPct },
    }).filter((i) => i.reason === "availability-low");

  it.each([
    ["below the threshold", 95, 1440, 99, 1],
    ["at the threshold", 99, 1000, 99, 0],
    ["above it", 99.5, 1440, 99, 0],
    ["below a stricter threshold", 99.5, 1440, 99.9, 1],
    ["with too few probes to judge", 50, AVAILABILITY_MIN_PROBES - 1, 99, 0],
    ["with just enough probes", 50, AVAILABILITY_MIN_PROBES, 99, 1],
  ])("%s: %s %% of %s probes against %s %% gives %s item(s)", (_, pct, total, minPct, n) => {
    expect(low(pct, total, minPct)).toHaveLength(n);
  });

  it("names the replica, the figure, the vantage, the failed probes and the threshold", () => {
    const [item] = low(95, 1440);
    expect(item).toMatchObject({
      region: "westeurope",
      registryName: "contosoprod",
      detail:
        "Replica in westeurope: 95.00 % available over 24 h from console (72 of 1440 probes failed; threshold 99 %)",
    });
    expect(item!.href).toContain("westeurope");
  });

  it("does not run without availability figures", () => {
    expect(
      attentionFor([registry], [], { now: NOW, stuckAfterMs: 1 }).some(
        (i) => i.reason === "availability-low",
      ),
    ).toBe(false);
  });
});

describe("availability in the view and the exports", () => {
  const a = fleetRegistry({ name: "alpha" });
  const b = fleetRegistry({ name: "bravo" });
  const c = fleetRegistry({ name: "charlie" });
  const pct: Record<string, number | null> = { alpha: 99.5, bravo: 90, charlie: null };

  it.each([
    ["asc", ["bravo", "alpha", "charlie"]],
    ["desc", ["alpha", "bravo", "charlie"]],
  ] as const)("sorts %s by the lowest replica, registries without figures last", (dir, order) => {
    const shown = applyFleetView(
      [a, b, c],
      new Map(),
      { ...DEFAULT_FLEET_VIEW, sort: "availability", dir },
      (id) => id,
      (r) => pct[r.name]!,
    );
    expect(shown.map((r) => r.name)).toEqual(order);
  });

  it("writes each replica's figure and vantage in its row, No data without", () => {
    const figures = {
      [replicaKey(registry.id, "westeurope")]: {
        pct: 97.5,
        ok: 39,
        total: 40,
        vantage: "console",
        vantages: 1,
      },
    };
    const rows = replicaRows([registry], [], null, figures);
    expect(rows.map((r) => [r.region, r.availability24h, r.availabilityVantage])).toEqual([
      ["eastus", "No data", ""],
      ["uksouth", "No data", ""],
      ["westeurope", "97.50", "console"],
    ]);
  });
});

describe("replicaAvailability of a fleet read through Resource Graph", () => {
  // Resource Graph carries no regional endpoints: the replicas come without them ("Unknown").
  const counts = [{ vantage: "console", host: WEU, ok: 90, total: 100 }];
  const graphRead = (regionalEndpoints: "Unknown" | "Disabled") =>
    fleetRegistry({
      regionalEndpoints,
      replicas: [fleetReplica("westeurope"), fleetReplica("uksouth")],
    });

  it("counts what a registry page or an agent probed on a replica's documented regional name", () => {
    const result = replicaAvailability([graphRead("Unknown")], counts);
    expect(result[replicaKey(graphRead("Unknown").id, "westeurope")]).toMatchObject({
      pct: 90,
      vantage: "console",
    });
    expect(result[replicaKey(graphRead("Unknown").id, "uksouth")]).toBeUndefined();
  });

  it("looks up no regional name when ARM says regional endpoints are off", () => {
    expect(replicaAvailability([graphRead("Disabled")], counts)).toEqual({});
  });
});

describe("availabilityPct", () => {
  it.each([
    [0, 0, null],
    [9, 10, 90],
    [10, 10, 100],
    // Prometheus's increase() extrapolates: counts of a replica that never failed can differ by float noise.
    [2.9999999999999996, 3.0000000000000004, 100],
    [0.1 + 0.2, 0.30000000000000004, 100],
    [199, 200, 99.5],
    [1, 3, 33.333333],
  ])("%s of %s -> %s", (ok, total, pct) => {
    expect(availabilityPct(ok, total)).toBe(pct);
  });

  it("shows a replica that never failed as 100, one that failed once below it", () => {
    const shown = (ok: number, total: number) =>
      formatAvailability({
        pct: availabilityPct(ok, total)!,
        ok,
        total,
        vantage: "console",
        vantages: 1,
      });
    expect(shown(2.9999999999999996, 3.0000000000000004)).toBe("100");
    expect(shown(99_999, 100_000)).toBe("99.99");
  });
});
