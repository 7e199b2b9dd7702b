import { describe, expect, it } from "vitest";
import { possibleHostNames, resolveHost } from "@/emulator/store/hosts";
import { seedState } from "@/emulator/store/seed";

const seed = seedState();

describe("resolveHost", () => {
  it.each([
    ["contosoprod.azurecr.io", "contosoprod", "global", null],
    ["ContosoProd.AzureCR.io.", "contosoprod", "global", null],
    ["contosoprod.westeurope.geo.azurecr.io", "contosoprod", "regional", "westeurope"],
    ["contosoweb-d7ahbgchb9e6f0h4.azurecr.io", "contosoweb", "global", null],
    ["sharedbase.koreacentral.data.azurecr.io", "sharedbase", "data", "koreacentral"],
  ])("finds %s: %s, %s, %s", (host, name, kind, region) => {
    const resolved = resolveHost(seed, host);
    expect(
      resolved && { name: resolved.registry.name, kind: resolved.kind, region: resolved.region },
    ).toEqual({ name, kind, region });
  });

  it.each([
    // Regional names need regional endpoints on; data names need dedicated data endpoints.
    "contosoweb-d7ahbgchb9e6f0h4.uksouth.geo.azurecr.io",
    "contosoprod.eastus.data.azurecr.io",
    // A region the registry has no replica in.
    "contosoprod.koreacentral.geo.azurecr.io",
    "nothere.azurecr.io",
  ])("does not resolve %s", (host) => {
    expect(resolveHost(seed, host)).toBeNull();
  });
});

describe("possibleHostNames", () => {
  it("names each login server and each replica's regional, data and storage host, enabled or not", () => {
    const names = possibleHostNames(seed);
    const replicaNames = seed.replications.length * 3;
    expect(names).toHaveLength(seed.registries.length + replicaNames);
    expect(names.filter((n) => n.endsWith(".blob.core.windows.net"))).toHaveLength(
      seed.replications.length,
    );
    expect(names).toEqual(
      expect.arrayContaining([
        "contosoprod.azurecr.io",
        "contosoweb-d7ahbgchb9e6f0h4.uksouth.geo.azurecr.io",
        "contosoprod.eastus.data.azurecr.io",
        "fabrikamdev.azurecr.io",
      ]),
    );
  });

  it("holds names that resolve now and names that resolve only once a switch is turned on", () => {
    const names = possibleHostNames(seed);
    const resolving = names.filter((n) => resolveHost(seed, n) !== null);
    expect(resolving).toEqual(expect.arrayContaining(seed.registries.map((r) => r.loginServer)));
    expect(resolving.length).toBeGreaterThan(seed.registries.length);
    expect(resolving.length).toBeLessThan(names.length);
  });
});
