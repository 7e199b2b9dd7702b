import { describe, expect, it } from "vitest";
import { replicationsOf } from "@/emulator/store/finders";
import { seedState } from "@/emulator/store/seed";

const seed = seedState();
const premium = seed.registries.filter((r) => r.sku === "Premium");

describe("the seeded fleet", () => {
  it("is the same every time and a fresh copy each call", () => {
    const again = seedState();
    expect(again).toEqual(seed);
    again.registries[0]!.tags.changed = "yes";
    expect(seedState().registries[0]!.tags.changed).toBeUndefined();
  });

  it("has three subscriptions and about eight registries of every SKU", () => {
    expect(seed.subscriptions).toHaveLength(3);
    expect(seed.registries.length).toBeGreaterThanOrEqual(7);
    expect(new Set(seed.registries.map((r) => r.sku))).toEqual(
      new Set(["Basic", "Standard", "Premium"]),
    );
    expect(new Set(seed.registries.map((r) => r.subscriptionId)).size).toBe(3);
  });

  it("geo-replicates Premium registries only, with 2 to 7 replicas including the home region", () => {
    for (const registry of seed.registries) {
      const replicas = replicationsOf(seed, registry).map((r) => r.region);
      if (registry.sku === "Premium") {
        expect(replicas.length).toBeGreaterThanOrEqual(2);
        expect(replicas.length).toBeLessThanOrEqual(7);
        expect(replicas).toContain(registry.location);
      } else {
        expect(replicas).toEqual([]);
      }
    }
    expect(Math.max(...premium.map((r) => replicationsOf(seed, r).length))).toBe(7);
  });

  it("holds each special case the console shows", () => {
    expect(premium.filter((r) => r.regionalEndpoints === "Enabled")).toHaveLength(1);
    expect(
      seed.registries.filter((r) => r.regionalEndpoints === "Enabled" && r.sku !== "Premium"),
    ).toEqual([]);
    expect(seed.replications.filter((r) => !r.regionEndpointEnabled)).toHaveLength(1);
    expect(seed.replications.filter((r) => r.status.displayStatus === "Syncing")).toHaveLength(1);
    expect(premium.filter((r) => r.dataEndpointEnabled).length).toBeGreaterThanOrEqual(1);
    expect(
      seed.registries.filter((r) => /^[a-z0-9]+-[a-z0-9]{16}\.azurecr\.io$/.test(r.loginServer)),
    ).toHaveLength(1);
  });

  it("knows the round trip of every replica's region, lowest in East US", () => {
    for (const replica of seed.replications) expect(seed.regions[replica.region]).toBeDefined();
    const rtt = (region: string) => seed.regions[region]!.latencyMs;
    expect(rtt("eastus")).toBeLessThan(rtt("westeurope"));
    expect(rtt("westeurope")).toBeLessThan(rtt("japaneast"));
    expect(rtt("japaneast")).toBeLessThan(rtt("southeastasia"));
  });

  it("gives every replica a digest of each tag, except what a syncing replica still lacks", () => {
    for (const repo of seed.repositories) {
      const registry = seed.registries.find((r) => r.name === repo.registryName)!;
      for (const replica of replicationsOf(seed, registry)) {
        const held = Object.values(repo.tags).filter((t) => t.digests[replica.region]);
        if (replica.status.displayStatus === "Syncing")
          expect(held.length).toBeLessThan(Object.keys(repo.tags).length);
        else expect(held.length).toBe(Object.keys(repo.tags).length);
      }
    }
  });

  it("has the personas with their roles and the automation client", () => {
    const persona = (name: string) => seed.principals.find((p) => p.persona === name)!;
    expect(persona("operator").assignments).toEqual([{ scope: "/", role: "Contributor" }]);
    expect(persona("teamlead").assignments).toEqual([{ scope: "/", role: "Reader" }]);
    expect(persona("support").assignments).toEqual([
      { scope: `/subscriptions/${seed.subscriptions[0]!.subscriptionId}`, role: "Reader" },
    ]);
    expect(persona("auditor").assignments).toEqual([
      {
        scope: `/subscriptions/${seed.subscriptions[0]!.subscriptionId}`,
        role: "Registry Configuration Reader",
      },
    ]);
    expect(persona("automation")).toMatchObject({
      kind: "app",
      assignments: [{ scope: "/", role: "Contributor" }],
    });
    for (const p of seed.principals.filter((x) => x.kind === "user"))
      expect(p.password).toBeTruthy();
  });
});
