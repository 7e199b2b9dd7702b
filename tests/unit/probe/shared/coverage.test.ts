import { describe, expect, it } from "vitest";
import { globalRowNote, replicaCoverage, type ReplicaCoverage } from "@/lib/probe/shared/coverage";
import type { Registry } from "@/lib/types";
import { dataHosts, regionalHosts, registry, replica, threeReplicas } from "@/tests/unit/fixtures";

const summary = (c: ReplicaCoverage) =>
  c.probed
    ? `${c.region}: ${c.via} ${c.targets.map((t) => t.kind).join("+")}`
    : `${c.region}: not probed`;

describe("replicaCoverage: which probes speak for each replica", () => {
  it.each<[string, Partial<Registry>, ReturnType<typeof replica>[], string[]]>([
    [
      "regional endpoints on: each replica by its own login server",
      { regionalEndpoints: "Enabled", regionalEndpointHostNames: regionalHosts },
      threeReplicas,
      ["westeurope: own regional", "eastus: own regional", "southeastasia: own regional"],
    ],
    [
      "regional endpoints off, dedicated data endpoints on: by the data endpoint",
      { dataEndpointEnabled: true, dataEndpointHostNames: dataHosts },
      threeReplicas,
      ["westeurope: own data", "eastus: own data", "southeastasia: own data"],
    ],
    [
      "both on: both endpoints",
      {
        regionalEndpoints: "Enabled",
        regionalEndpointHostNames: regionalHosts,
        dataEndpointEnabled: true,
        dataEndpointHostNames: dataHosts,
      },
      [replica("eastus")],
      ["eastus: own regional+data"],
    ],
    [
      "regional endpoints off: none is probed; the global row speaks for none of them",
      {},
      threeReplicas,
      ["westeurope: not probed", "eastus: not probed", "southeastasia: not probed"],
    ],
    [
      "regional endpoints off, one replica in global routing: the global name reaches only it",
      {},
      [
        replica("westeurope"),
        replica("eastus", { globalEndpointRouting: false }),
        replica("southeastasia", { globalEndpointRouting: false }),
      ],
      ["westeurope: global global", "eastus: not probed", "southeastasia: not probed"],
    ],
    [
      "regional endpoints on but a region's name not listed yet",
      { regionalEndpoints: "Enabled", regionalEndpointHostNames: regionalHosts.slice(0, 2) },
      threeReplicas,
      ["westeurope: own regional", "eastus: own regional", "southeastasia: not probed"],
    ],
  ])("%s", (_, overrides, replicas, expected) => {
    expect(replicaCoverage(registry(overrides), replicas).map(summary)).toEqual(expected);
  });

  it.each<[string, Partial<Registry>, ReturnType<typeof replica>, RegExp[]]>([
    [
      "off, in global routing with others",
      {},
      replica("eastus"),
      [
        /regional endpoints are off/,
        /one of the 3 replicas in global endpoint routing/,
        /does not vouch/,
      ],
    ],
    [
      "off, excluded from global routing",
      {},
      replica("eastus", { globalEndpointRouting: false }),
      [/regional endpoints are off/, /global endpoint routing excludes it/, /never reaches it/],
    ],
    [
      "on, but ARM lists no name for its region",
      { regionalEndpoints: "Enabled", regionalEndpointHostNames: [] },
      replica("eastus"),
      [/ARM lists no regional login server for this region yet/],
    ],
  ])("the reason says why: %s", (_, overrides, target, patterns) => {
    const replicas = [replica("westeurope"), replica("southeastasia"), target];
    const c = replicaCoverage(registry(overrides), replicas).find(
      (x) => x.region === target.region,
    )!;
    expect(c.probed).toBe(false);
    const reason = c.probed ? "" : c.reason;
    expect(reason).toMatch(/^Not probed: /);
    for (const p of patterns) expect(reason).toMatch(p);
  });
});

describe("globalRowNote", () => {
  it.each<[string, ReturnType<typeof replica>[], RegExp | undefined]>([
    ["no replicas (Standard)", [], undefined],
    [
      "several in routing",
      threeReplicas,
      /one of the 3 replicas .*westeurope, eastus, southeastasia.*that one only/,
    ],
    [
      "only one",
      [replica("eastus"), replica("westeurope", { globalEndpointRouting: false })],
      /^Reaches eastus, the only/,
    ],
    ["none", [replica("eastus", { globalEndpointRouting: false })], /reaches none/],
  ])("%s", (_, replicas, expected) => {
    const note = globalRowNote(replicas);
    if (expected) expect(note).toMatch(expected);
    else expect(note).toBeUndefined();
  });
});
