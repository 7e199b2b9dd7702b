import { describe, expect, it } from "vitest";
import { loadConfig } from "@/emulator/config";
import { routeHost } from "@/emulator/dataplane/routing";
import { seedState } from "@/emulator/store/seed";
import { rttBetween } from "@/emulator/vantages/geo";
import { createVantageTable } from "@/emulator/vantages";

describe("emulator vantage points", () => {
  it("a vantage is near its own region and its neighbours, far from the other side of the world", () => {
    expect(rttBetween("westeurope", "westeurope")).toBe(2);
    expect(rttBetween("westeurope", "uksouth")!).toBeLessThan(15);
    expect(rttBetween("westeurope", "eastus")!).toBeGreaterThan(70);
    expect(rttBetween("westeurope", "australiaeast")!).toBeGreaterThan(200);
    expect(rttBetween("southeastasia", "japaneast")!).toBeLessThan(
      rttBetween("southeastasia", "westeurope")!,
    );
    expect(rttBetween("westeurope", "atlantis")).toBeNull();
  });

  it("routes the global name per vantage to the nearest replica in global routing", () => {
    const state = seedState();
    const table = createVantageTable(["westeurope", "southeastasia"], () =>
      Object.keys(state.regions),
    );
    const rttFrom = (vantage?: string) => (region: string, own: { latencyMs: number }) =>
      vantage ? table.rttMs(vantage, region, own.latencyMs) : own.latencyMs;
    const host = "contosoprod.azurecr.io";
    expect(routeHost(state, host, rttFrom())!.region).toBe("eastus");
    expect(routeHost(state, host, rttFrom("westeurope"))!.region).toBe("westeurope");
    expect(routeHost(state, host, rttFrom("southeastasia"))!.region).toBe("southeastasia");
    // Out of global routing: the vantage goes to its next nearest replica.
    const replica = state.replications.find(
      (r) => r.registryName === "contosoprod" && r.region === "westeurope",
    )!;
    replica.regionEndpointEnabled = false;
    expect(routeHost(state, host, rttFrom("westeurope"))!.region).toBe("uksouth");
  });

  it("the control API's matrix replaces the geographic default, and reset restores it", () => {
    const table = createVantageTable(["westeurope"], () => ["westeurope", "eastus"]);
    expect(table.set("westeurope", { eastus: 1 })).toEqual({ westeurope: 2, eastus: 1 });
    expect(table.rttMs("westeurope", "eastus", 80)).toBe(1);
    expect(table.rttMs("westeurope", "brazilsouth", 120)).toBe(120);
    table.reset();
    expect(table.matrix("westeurope").eastus).toBeGreaterThan(70);
    expect(() => table.set("mars", {})).toThrow(/unknown vantage/);
  });

  it("EMULATOR_VANTAGES names regions, two by default", () => {
    expect(loadConfig({}).vantages).toEqual(["westeurope", "southeastasia"]);
    expect(loadConfig({ EMULATOR_VANTAGES: "" }).vantages).toEqual([]);
    expect(loadConfig({ EMULATOR_VANTAGES: "eastus2, japaneast" }).vantages).toEqual([
      "eastus2",
      "japaneast",
    ]);
    expect(() => loadConfig({ EMULATOR_VANTAGES: "moon" })).toThrow(/not an emulated region/);
  });
});
