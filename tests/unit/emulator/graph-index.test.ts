import { describe, expect, it } from "vitest";
import { GraphIndex } from "@/emulator/graph/graph-index";
import { formatResetsAfter, GraphQuota } from "@/emulator/graph/quota";
import { seedState } from "@/emulator/store/seed";

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

const stateOf = (index: GraphIndex, name: string) =>
  index
    .rows()
    .find(
      (r) => r.name === name && r.type === "microsoft.containerregistry/registries/replications",
    )?.properties as { regionEndpointEnabled: boolean } | undefined;

describe("Resource Graph's index", () => {
  it("holds every registry and replication, types lower case, preview properties absent", () => {
    const state = seedState();
    const index = new GraphIndex(() => state, 5000);
    const rows = index.rows();
    expect(rows).toHaveLength(state.registries.length + state.replications.length);
    const prod = rows.find((r) => r.name === "contosoprod")!;
    expect(prod.type).toBe("microsoft.containerregistry/registries");
    expect(prod.properties).toMatchObject({ loginServer: "contosoprod.azurecr.io" });
    // Enabled at ARM's preview api-version, but not carried by Resource Graph.
    expect(prod.properties).not.toHaveProperty("regionalEndpoints");
    expect(prod.properties).not.toHaveProperty("regionalEndpointHostNames");
    expect(rows.map((r) => r.id.toLowerCase())).toEqual(rows.map((r) => r.id.toLowerCase()).sort());
  });

  it("shows a write only after the indexing lag", () => {
    const state = seedState();
    const time = clock();
    const index = new GraphIndex(() => state, 5000, time.now);
    const replica = state.replications.find(
      (r) => r.registryName === "contosoprod" && r.region === "westeurope",
    )!;
    replica.regionEndpointEnabled = false;
    index.noteSave();
    const row = () =>
      index.rows().find((r) => r.id.toLowerCase().endsWith("contosoprod/replications/westeurope"))
        ?.properties as { regionEndpointEnabled: boolean };
    expect(row().regionEndpointEnabled).toBe(true);
    time.advance(4999);
    expect(row().regionEndpointEnabled).toBe(true);
    time.advance(1);
    expect(row().regionEndpointEnabled).toBe(false);
    expect(stateOf(index, "nothere")).toBeUndefined();
  });

  it("restarts the lag on a second write and takes the state at once on rebuild", () => {
    const state = seedState();
    const time = clock();
    const index = new GraphIndex(() => state, 1000, time.now);
    const registry = state.registries.find((r) => r.name === "contosoweb")!;
    registry.provisioningState = "Updating";
    index.noteSave();
    time.advance(800);
    registry.provisioningState = "Succeeded";
    registry.tags = { changed: "yes" };
    index.noteSave();
    time.advance(800);
    const tags = () => index.rows().find((r) => r.name === "contosoweb")?.tags;
    expect(tags()).not.toEqual({ changed: "yes" });
    time.advance(200);
    expect(tags()).toEqual({ changed: "yes" });
    registry.tags = { again: "1" };
    index.rebuild();
    expect(tags()).toEqual({ again: "1" });
  });
});

describe("Resource Graph's quota", () => {
  it("allows `quota` queries per window, then refuses until the window ends", () => {
    const time = clock();
    const quota = new GraphQuota(3, 5000, time.now);
    expect([1, 2, 3].map(() => quota.take("a").remaining)).toEqual([2, 1, 0]);
    expect(quota.take("a")).toEqual({ ok: false, remaining: 0, resetsAfterMs: 5000 });
    expect(quota.take("b").ok).toBe(true);
    time.advance(4000);
    expect(quota.take("a")).toEqual({ ok: false, remaining: 0, resetsAfterMs: 1000 });
    time.advance(1000);
    expect(quota.take("a")).toEqual({ ok: true, remaining: 2, resetsAfterMs: 5000 });
  });

  it.each([
    [0, "00:00:00"],
    [1, "00:00:01"],
    [4200, "00:00:05"],
    [61_000, "00:01:01"],
    [3_600_000, "01:00:00"],
  ])("writes %i ms as %s", (ms, text) => {
    expect(formatResetsAfter(ms)).toBe(text);
  });
});

describe("the large fleet", () => {
  const large = seedState("large");
  it("is 50 subscriptions, 1,000 registries and about 10,000 replicas, the same every time", () => {
    expect(large.fleet).toBe("large");
    expect(large.subscriptions).toHaveLength(50);
    expect(large.registries).toHaveLength(1000);
    expect(large.replications.length).toBeGreaterThan(9000);
    expect(large.replications.length).toBeLessThan(11000);
    expect(new Set(large.replications.map((r) => r.region)).size).toBeGreaterThanOrEqual(20);
    expect(seedState("large")).toEqual(large);
    // The default fleet is inside it, so every persona's known registries are there.
    for (const r of seedState().registries) {
      expect(large.registries.some((x) => x.name === r.name)).toBe(true);
    }
  });

  it("has failed, syncing and excluded replicas, and ids unique", () => {
    expect(large.replications.some((r) => r.provisioningState === "Failed")).toBe(true);
    expect(large.replications.some((r) => r.status.displayStatus === "Syncing")).toBe(true);
    expect(large.replications.some((r) => !r.regionEndpointEnabled)).toBe(true);
    const ids = large.registries.map((r) => `${r.subscriptionId}/${r.resourceGroup}/${r.name}`);
    expect(new Set(ids).size).toBe(ids.length);
    for (const replica of large.replications) expect(large.regions[replica.region]).toBeDefined();
  });
});
