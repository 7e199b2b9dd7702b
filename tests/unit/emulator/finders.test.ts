import { describe, expect, it } from "vitest";
import {
  findAppByClientId,
  findPrincipal,
  findRegion,
  findRegistry,
  findRegistryAgain,
  findRegistryByKey,
  findRegistryByNameOrLoginServer,
  findReplication,
  findRepository,
  findSubscription,
  findUserBySignInName,
  principalsOfKind,
  registriesInResourceGroup,
  registriesInSubscription,
  replicationsOf,
} from "@/emulator/store/finders";
import { seedState } from "@/emulator/store/seed";
import type { RegistryState } from "@/emulator/store/types";
import { operator, smallState } from "./store-fixture";

const state = smallState();
const key = (subscriptionId: string, resourceGroup: string, name: string) => ({
  subscriptionId,
  resourceGroup,
  name,
});
/** `sub/rg/name` of a registry, or undefined. */
const where = (r: RegistryState | undefined) =>
  r && `${r.subscriptionId}/${r.resourceGroup}/${r.name}`;

describe("subscription and registry finders (ARM names, case-insensitive)", () => {
  it.each([
    ["sub-a", "sub-a"],
    ["SUB-B", "sub-b"],
    ["sub-c", undefined],
  ])("findSubscription(%s) is %s", (id, expected) => {
    expect(findSubscription(state, id)?.subscriptionId).toBe(expected);
  });

  it.each([
    [["sub-a", "rg-one", "alpha"], "sub-a/rg-one/alpha"],
    [["SUB-A", "RG-ONE", "ALPHA"], "sub-a/rg-one/alpha"],
    [["sub-b", "rg-one", "alpha"], "sub-b/rg-one/alpha"],
    [["sub-a", "rg-two", "alpha"], undefined],
    [["sub-c", "rg-one", "alpha"], undefined],
    [["sub-a", "rg-one", "delta"], undefined],
  ] as const)("findRegistry(%j) is %s", ([sub, rg, name], expected) => {
    expect(where(findRegistry(state, sub, rg, name))).toBe(expected);
  });

  it.each([
    ["sub-a", ["alpha", "beta", "gamma"]],
    ["Sub-B", ["alpha"]],
    ["sub-c", []],
  ])("registriesInSubscription(%s) holds %j", (sub, names) => {
    expect(registriesInSubscription(state, sub).map((r) => r.name)).toEqual(names);
  });

  it.each([
    ["sub-a", "rg-one", ["alpha", "beta"]],
    ["sub-a", "RG-TWO", ["gamma"]],
    ["SUB-B", "rg-one", ["alpha"]],
    ["sub-b", "rg-two", []],
  ])("registriesInResourceGroup(%s, %s) holds %j", (sub, rg, names) => {
    expect(registriesInResourceGroup(state, sub, rg).map((r) => r.name)).toEqual(names);
  });
});

describe("registry finders of the data plane and the control API", () => {
  it.each([
    [key("sub-a", "rg-one", "alpha"), "sub-a/rg-one/alpha"],
    [key("sub-a", "RG-ONE", "Alpha"), "sub-a/rg-one/alpha"],
    [key("sub-b", "rg-one", "alpha"), "sub-b/rg-one/alpha"],
    // The key was copied from a stored registry: its subscription id is matched exactly.
    [key("SUB-A", "rg-one", "alpha"), undefined],
    [key("sub-a", "rg-one", "delta"), undefined],
  ])("findRegistryByKey(%j) is %s", (k, expected) => {
    expect(where(findRegistryByKey(state, k))).toBe(expected);
  });

  it("findRegistryAgain follows the store: a registry removed, replaced or moved is looked up again", () => {
    const store = smallState();
    const alpha = key("sub-a", "rg-one", "alpha");
    const first = findRegistryAgain(store, alpha, undefined);
    expect(where(first?.registry)).toBe("sub-a/rg-one/alpha");
    expect(findRegistryAgain(store, alpha, first)?.registry).toBe(first?.registry);
    // Another registry added before it: found at its new place.
    store.registries.unshift({ ...store.registries.at(-1)!, name: "zeta" });
    const moved = findRegistryAgain(store, alpha, first);
    expect(moved?.registry).toBe(first?.registry);
    expect(moved?.index).toBe(first!.index + 1);
    // Replaced by a new object (an update): the new one.
    const replaced = { ...moved!.registry };
    store.registries[moved!.index] = replaced;
    expect(findRegistryAgain(store, alpha, moved)?.registry).toBe(replaced);
    // Removed: gone.
    store.registries.splice(moved!.index, 1);
    expect(findRegistryAgain(store, alpha, moved)).toBeUndefined();
  });

  it.each([
    ["beta", "sub-a/rg-one/beta"],
    ["BETA-H4SH.AZURECR.IO", "sub-a/rg-one/beta"],
    ["beta.azurecr.io", undefined],
    // The first one in store order when several subscriptions hold the name.
    ["alpha", "sub-a/rg-one/alpha"],
    ["delta", undefined],
  ])("findRegistryByNameOrLoginServer(%s) is %s", (name, expected) => {
    expect(where(findRegistryByNameOrLoginServer(state, name))).toBe(expected);
  });
});

describe("replication and repository finders", () => {
  it.each([
    // Group and registry name in another case still belong; another subscription's case does not.
    [key("sub-a", "rg-one", "alpha"), ["eastus", "westeurope"]],
    [key("sub-b", "rg-one", "alpha"), ["japaneast"]],
    [key("sub-a", "rg-two", "gamma"), ["eastus"]],
    [key("sub-a", "rg-one", "beta"), []],
  ])("replicationsOf(%j) is %j", (registry, regions) => {
    expect(replicationsOf(state, registry).map((r) => r.region)).toEqual(regions);
  });

  it("gives a new array each time, so a caller may sort it", () => {
    const alpha = key("sub-a", "rg-one", "alpha");
    replicationsOf(state, alpha).reverse();
    expect(replicationsOf(state, alpha).map((r) => r.region)).toEqual(["eastus", "westeurope"]);
  });

  it.each([
    ["westeurope", "westeurope"],
    ["WestEurope", "westeurope"],
    ["japaneast", undefined],
  ])("findReplication(alpha, %s) is %s", (region, expected) => {
    const alpha = key("sub-a", "rg-one", "alpha");
    expect(findReplication(state, alpha, region)?.region).toBe(expected);
  });

  it.each([
    [key("sub-a", "rg-one", "alpha"), "web/app", "sub-a"],
    [key("sub-b", "rg-one", "alpha"), "web/app", "sub-b"],
    [key("sub-a", "rg-one", "alpha"), "Web/App", undefined],
    [key("sub-a", "rg-one", "beta"), "web/app", undefined],
  ])("findRepository(%j, %s) is in %s", (registry, name, expected) => {
    expect(findRepository(state, registry, name)?.subscriptionId).toBe(expected);
  });
});

describe("principal and region finders", () => {
  it.each([
    [operator.objectId, {}, "operator"],
    [operator.objectId.toUpperCase(), {}, undefined],
    [operator.objectId.toUpperCase(), { ignoreCase: true }, "operator"],
    ["unknown", { ignoreCase: true }, undefined],
  ])("findPrincipal(%s, %j) is %s", (objectId, options, expected) => {
    expect(findPrincipal(state, objectId, options)?.persona).toBe(expected);
  });

  it("lists principals by kind", () => {
    expect(principalsOfKind(state, "user").map((p) => p.persona)).toEqual(["operator"]);
    expect(principalsOfKind(state, "app").map((p) => p.persona)).toEqual(["automation"]);
  });

  it.each([
    ["client-1", "automation"],
    ["CLIENT-1", undefined],
    ["client-2", undefined],
  ])("findAppByClientId(%s) is %s", (clientId, expected) => {
    expect(findAppByClientId(state, clientId)?.persona).toBe(expected);
  });

  it.each([
    ["operator@contoso.example", "operator"],
    ["OPERATOR@CONTOSO.EXAMPLE", "operator"],
    ["automation", undefined],
    ["nobody@contoso.example", undefined],
  ])("findUserBySignInName(%s) is %s", (username, expected) => {
    expect(findUserBySignInName(state, username)?.persona).toBe(expected);
  });

  it.each([
    ["eastus", 2],
    ["EastUS", undefined],
    ["westus", undefined],
  ])("findRegion(%s) has latency %s", (region, latencyMs) => {
    expect(findRegion(state, region)?.latencyMs).toBe(latencyMs);
  });

  it.each(["constructor", "__proto__", "toString"])("findRegion(%s) is no region", (name) => {
    expect(findRegion(state, name)).toBeUndefined();
  });
});

describe("finders over the seed", () => {
  const seed = seedState();

  it("find every seeded replication and repository from its registry's ARM names", () => {
    for (const r of seed.replications) {
      const parent = findRegistry(seed, r.subscriptionId, r.resourceGroup, r.registryName);
      expect(parent).toBeDefined();
      expect(findReplication(seed, parent!, r.region)).toBe(r);
    }
    for (const repo of seed.repositories) {
      const parent = findRegistryByKey(seed, {
        subscriptionId: repo.subscriptionId,
        resourceGroup: repo.resourceGroup,
        name: repo.registryName,
      });
      expect(findRepository(seed, parent!, repo.name)).toBe(repo);
    }
  });

  it("split the registries of each subscription among its resource groups", () => {
    for (const sub of seed.subscriptions) {
      const inSubscription = registriesInSubscription(seed, sub.subscriptionId);
      const groups = new Set(inSubscription.map((r) => r.resourceGroup));
      const byGroup = [...groups].flatMap((rg) =>
        registriesInResourceGroup(seed, sub.subscriptionId, rg),
      );
      expect(new Set(byGroup)).toEqual(new Set(inSubscription));
    }
  });
});
