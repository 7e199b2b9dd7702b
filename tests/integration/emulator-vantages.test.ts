import { readFileSync } from "node:fs";
import { afterAll, describe, expect, inject, it } from "vitest";
import { HttpProber, parseConnectTo } from "@/lib/probe/server";
import { caFetch, control } from "../support/emulator-client";

/*
 * The emulator's vantage points through its control API and its data plane: each vantage has its
 * own address, and the global name is routed per vantage to the nearest replica in global routing
 * by that vantage's matrix, as the real prober measures it.
 */

const e = inject("emulator");
const ca = readFileSync(e.caFile, "utf8");
const LOGIN = "contosoprod.azurecr.io";
const REPLICAS = [
  "eastus",
  "westeurope",
  "southeastasia",
  "japaneast",
  "australiaeast",
  "brazilsouth",
  "uksouth",
];

afterAll(async () => {
  await control(e, "reset");
});

/** Median warm TTFB of `host` through a vantage's address (five probes on one connection). */
async function warmTtfb(address: string, host: string): Promise<number> {
  const prober = new HttpProber({ connectTo: parseConnectTo(address), ca });
  try {
    const ttfbs: number[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await prober.probe(host);
      expect(r.verdict).toBe("ok");
      if (r.reused) ttfbs.push(r.phases.ttfbMs!);
    }
    ttfbs.sort((a, b) => a - b);
    return ttfbs[Math.floor(ttfbs.length / 2)]!;
  } finally {
    prober.close();
  }
}

describe("emulator vantages", () => {
  it("lists each vantage with its own data-plane address and a geographic matrix", async () => {
    const vantages = await control<
      { name: string; dataPlaneAddress: string; rttMs: Record<string, number> }[]
    >(e, "vantages");
    expect(vantages.map((v) => v.name)).toEqual(["westeurope", "southeastasia"]);
    expect(vantages.map((v) => v.dataPlaneAddress)).toEqual(
      e.vantages.map((v) => v.dataPlaneAddress),
    );
    expect(new Set([e.dataPlaneAddress, ...vantages.map((v) => v.dataPlaneAddress)]).size).toBe(3);
    const west = vantages[0]!.rttMs;
    expect(west.westeurope).toBeLessThan(west.uksouth!);
    expect(west.uksouth).toBeLessThan(west.eastus!);
  });

  it("routes the global name per vantage by the matrix the control API sets", async () => {
    const far = Object.fromEntries(REPLICAS.map((r) => [r, 120]));
    await control(e, "vantages/westeurope", { rttMs: { ...far, japaneast: 3 } });
    await control(e, "vantages/southeastasia", { rttMs: { ...far, brazilsouth: 3 } });
    const west = e.vantages.find((v) => v.name === "westeurope")!.dataPlaneAddress;
    const sea = e.vantages.find((v) => v.name === "southeastasia")!.dataPlaneAddress;
    // Each vantage reaches the replica the matrix makes nearest: a few ms, not 120.
    expect(await warmTtfb(west, LOGIN)).toBeLessThan(60);
    expect(await warmTtfb(sea, LOGIN)).toBeLessThan(60);
    expect(await warmTtfb(west, "contosoprod.brazilsouth.geo.azurecr.io")).toBeGreaterThan(100);
    expect(await warmTtfb(sea, "contosoprod.brazilsouth.geo.azurecr.io")).toBeLessThan(60);
  });

  it("refuses an unknown vantage, region or value", async () => {
    const post = (path: string, body: unknown) =>
      caFetch(e)(`${e.controlUrl}/${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    expect((await post("vantages/mars", { rttMs: {} })).status).toBe(404);
    expect((await post("vantages/westeurope", { rttMs: { atlantis: 5 } })).status).toBe(400);
    expect((await post("vantages/westeurope", { rttMs: { eastus: -1 } })).status).toBe(400);
    expect((await post("vantages/westeurope", { latencyMs: 5 })).status).toBe(400);
  });
});
