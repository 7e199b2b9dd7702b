import { describe, expect, it } from "vitest";
import {
  AVAILABILITY_BUCKET_SECONDS,
  AVAILABILITY_SLOTS,
  AvailabilityStore,
} from "@/lib/vantages/server/availability-store";
import { HistoryStore } from "@/lib/vantages/server/history-store";
import { sample } from "../probe/fixtures";

const HOST = "r.westeurope.geo.azurecr.io";
const T0 = 1_800_000_000 - (1_800_000_000 % 86_400);
const DAY = 86_400;

describe("AvailabilityStore (the fleet sweep's embedded history)", () => {
  it("counts probes and ok probes per vantage and host over the last 24 h", () => {
    const store = new AvailabilityStore();
    // One probe a minute for 24 h, failing for the last hour.
    for (let m = 0; m < 24 * 60; m++) {
      store.record("console", HOST, m >= 23 * 60 ? "timeout" : "ok", (T0 + m * 60) * 1000);
    }
    expect(store.counts(T0, T0 + DAY)).toEqual([
      { vantage: "console", host: HOST, ok: 23 * 60, total: 24 * 60 },
    ]);
    // Three hours later, the first three hours have left the window.
    const later = store.counts(T0 + 3 * 3600, T0 + DAY + 3 * 3600);
    expect(later).toEqual([{ vantage: "console", host: HOST, ok: 20 * 60, total: 21 * 60 }]);
  });

  it("forgets a bucket's old day when the ring comes round to it", () => {
    const store = new AvailabilityStore();
    store.record("console", HOST, "refused", T0 * 1000);
    store.record("console", HOST, "ok", (T0 + DAY) * 1000);
    expect(store.counts(T0 + 60, T0 + DAY + 60)).toEqual([
      { vantage: "console", host: HOST, ok: 1, total: 1 },
    ]);
  });

  it("keeps vantages apart, hosts case-insensitively, and its bound", () => {
    const store = new AvailabilityStore(2);
    store.record("console", HOST.toUpperCase(), "ok", T0 * 1000);
    store.record("aks", HOST, "forbidden", (T0 + 1) * 1000);
    store.record("console", "other.azurecr.io", "ok", (T0 + 2) * 1000);
    const counts = store.counts(T0, T0 + 3600);
    expect(counts).toHaveLength(2);
    // The endpoint probed least recently made room.
    expect(counts.map((c) => `${c.vantage}|${c.host}`).sort()).toEqual([
      `aks|${HOST}`,
      "console|other.azurecr.io",
    ]);
    expect(store.bytes).toBe(2 * AVAILABILITY_SLOTS * 8);
  });

  it("holds 24 h in five-minute buckets", () => {
    expect(AVAILABILITY_BUCKET_SECONDS * AVAILABILITY_SLOTS).toBe(DAY);
  });
});

describe("HistoryStore.counts (the live probes' and agents' history)", () => {
  it("sums the one-minute buckets of every series over the window", () => {
    const store = new HistoryStore({ maxSeries: 10 });
    for (let m = 0; m < 120; m++) {
      store.record(
        "console",
        "r",
        sample(
          { host: HOST, kind: "regional", region: "westeurope" },
          {
            at: new Date((T0 + m * 60) * 1000).toISOString(),
            verdict: m % 10 === 0 ? "timeout" : "ok",
          },
        ),
      );
    }
    expect(store.counts(T0, T0 + 7200)).toEqual([
      { vantage: "console", host: HOST, ok: 108, total: 120 },
    ]);
    expect(store.counts(T0 + 3600, T0 + 7200)).toEqual([
      { vantage: "console", host: HOST, ok: 54, total: 60 },
    ]);
  });
});
