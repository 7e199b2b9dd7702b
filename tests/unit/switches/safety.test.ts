import { describe, expect, it } from "vitest";
import {
  globalRoutingSafety,
  regionalEndpointsSafety,
  replicaConcerns,
  type SafetyReplica,
} from "@/lib/switches/safety";
import { replica } from "@/tests/unit/fixtures";

const healthy = (region: string, extra: Partial<SafetyReplica> = {}): SafetyReplica => ({
  ...replica(region),
  probe: { failing: false, verdicts: [] },
  ...extra,
});
const syncing = (region: string, extra: Partial<SafetyReplica> = {}): SafetyReplica =>
  healthy(region, { status: { displayStatus: "Syncing" }, ...extra });
const failed = (region: string, extra: Partial<SafetyReplica> = {}): SafetyReplica =>
  healthy(region, { provisioningState: "Failed", ...extra });
const refusing = (region: string, extra: Partial<SafetyReplica> = {}): SafetyReplica =>
  healthy(region, { probe: { failing: true, verdicts: ["refused"] }, ...extra });

describe("replicaConcerns", () => {
  it.each<[string, SafetyReplica, string[]]>([
    ["a healthy replica", healthy("eastus"), []],
    ["not probed, ARM fine: nothing to say", { ...replica("eastus") }, []],
    ["Syncing", syncing("eastus"), ["ARM reports it Syncing (it may lack recent images)"]],
    ["Failed provisioning", failed("eastus"), ["ARM reports it Failed"]],
    [
      "Failed status",
      healthy("eastus", { status: { displayStatus: "Failed" } }),
      ["ARM reports it Failed"],
    ],
    ["failing probes", refusing("eastus"), ["its latest probes fail (refused)"]],
    [
      "Ready beside refused and Syncing together",
      syncing("eastus", { probe: { failing: true, verdicts: ["down", "down"] } }),
      ["ARM reports it Syncing (it may lack recent images)", "its latest probes fail (down)"],
    ],
  ])("%s", (_, r, expected) => {
    expect(replicaConcerns(r)).toEqual(expected);
  });
});

describe("regionalEndpointsSafety", () => {
  const replicas = [
    healthy("westeurope"),
    syncing("centralindia"),
    refusing("japaneast", { globalEndpointRouting: false }),
  ];

  it("turning on names every troubled replica: each is exposed directly", () => {
    const items = regionalEndpointsSafety(replicas, true);
    expect(items).toHaveLength(2);
    expect(items[0]).toMatch(/^centralindia: ARM reports it Syncing.*reach it directly/);
    expect(items[1]).toMatch(/^japaneast: its latest probes fail \(refused\).*reach it directly/);
  });

  it("turning off names troubled replicas still in global routing, where pinned clients may go", () => {
    const items = regionalEndpointsSafety(replicas, false);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatch(/^centralindia: .*global login server may be sent there/);
  });

  it("says nothing when every replica is healthy", () => {
    expect(regionalEndpointsSafety([healthy("a"), healthy("b")], true)).toEqual([]);
  });
});

describe("globalRoutingSafety", () => {
  it.each<[string, SafetyReplica[], string, boolean, RegExp[]]>([
    [
      "routing away from the last healthy replica leaves clients on an unhealthy one",
      [healthy("eastus"), syncing("centralindia"), refusing("japaneast")],
      "eastus",
      false,
      [
        /^No healthy replica is left .* lands on centralindia, japaneast\.$/,
        /^centralindia: ARM reports it Syncing/,
        /^japaneast: its latest probes fail/,
      ],
    ],
    [
      "turning off while a healthy one stays: the troubled one left is named",
      [healthy("eastus"), healthy("westeurope"), failed("uksouth")],
      "eastus",
      false,
      [
        /^uksouth: ARM reports it Failed\. It stays in global endpoint routing and takes a share of eastus's clients\.$/,
      ],
    ],
    [
      "turning routing on for a troubled replica",
      [healthy("eastus"), syncing("centralindia", { globalEndpointRouting: false })],
      "centralindia",
      true,
      [/^centralindia: ARM reports it Syncing.*sends clients of the global login server to it\.$/],
    ],
  ])("%s", (_, replicas, region, on, patterns) => {
    const items = globalRoutingSafety(replicas, region, on);
    expect(items).toHaveLength(patterns.length);
    patterns.forEach((p, i) => expect(items[i]).toMatch(p));
  });

  it.each<[string, SafetyReplica[], string, boolean]>([
    ["turning on a healthy replica", [healthy("eastus"), syncing("centralindia")], "eastus", true],
    [
      "turning off with only healthy ones left",
      [healthy("eastus"), healthy("westeurope")],
      "eastus",
      false,
    ],
    [
      "turning off the troubled one itself",
      [healthy("eastus"), syncing("centralindia")],
      "centralindia",
      false,
    ],
    ["excluding the last one (the guard refuses it)", [syncing("eastus")], "eastus", false],
  ])("says nothing: %s", (_, replicas, region, on) => {
    expect(globalRoutingSafety(replicas, region, on)).toEqual([]);
  });
});
