import { describe, expect, it } from "vitest";
import { globalRoutingGuard, servingAfter } from "@/lib/switches/global-routing";
import { regionalEndpointsGuard } from "@/lib/switches/regional-endpoints";
import type { ProvisioningState } from "@/lib/types";
import { registry, replica } from "@/tests/unit/fixtures";

const REGISTRY_WRITE = "Microsoft.ContainerRegistry/registries/write";
const REPLICATION_WRITE = "Microsoft.ContainerRegistry/registries/replications/write";
const writer = { canWrite: true, action: REGISTRY_WRITE };
const reader = { canWrite: false, action: REGISTRY_WRITE };

describe("regional endpoints guard", () => {
  it.each([
    [
      "Basic",
      { sku: "Basic" as const },
      true,
      writer,
      "unavailable",
      /Premium SKU; this registry is Basic/,
    ],
    [
      "Standard",
      { sku: "Standard" as const },
      true,
      writer,
      "unavailable",
      /Premium SKU; this registry is Standard/,
    ],
    [
      "Standard, even to turn off",
      { sku: "Standard" as const },
      false,
      writer,
      "unavailable",
      /Premium/,
    ],
    [
      "a reader",
      {},
      true,
      reader,
      "unavailable",
      /does not include Microsoft\.ContainerRegistry\/registries\/write.*Contributor/,
    ],
    [
      "while ARM updates the registry",
      { provisioningState: "Updating" as const },
      true,
      writer,
      "unavailable",
      /Updating/,
    ],
    [
      "Content Trust on, turning on",
      { contentTrustEnabled: true },
      true,
      writer,
      "refused",
      /Content Trust is enabled/,
    ],
  ])("%s: %s", (_name, overrides, enable, permission, kind, reason) => {
    const guard = regionalEndpointsGuard(registry(overrides), enable, permission);
    expect(guard.kind).toBe(kind);
    expect("reason" in guard ? guard.reason : "").toMatch(reason);
  });

  it.each([
    [
      "data endpoints off, turning on: recommends them",
      { dataEndpointEnabled: false },
      true,
      /recommends.*--data-endpoint-enabled true/,
    ],
    [
      "data endpoints on, turning on: no recommendation",
      { dataEndpointEnabled: true },
      true,
      undefined,
    ],
    [
      "turning off, data endpoints off: no recommendation",
      { regionalEndpoints: "Enabled" as const },
      false,
      undefined,
    ],
    [
      "Content Trust on, turning off: allowed",
      { contentTrustEnabled: true, regionalEndpoints: "Enabled" as const },
      false,
      undefined,
    ],
    [
      "after a Failed operation: allowed again",
      { provisioningState: "Failed" as const, dataEndpointEnabled: true },
      true,
      undefined,
    ],
    [
      "permissions not known yet: allowed (ARM decides)",
      { dataEndpointEnabled: true },
      true,
      undefined,
    ],
  ])("%s", (name, overrides, enable, recommendation) => {
    const permission = name.includes("not known") ? undefined : writer;
    const guard = regionalEndpointsGuard(registry(overrides), enable, permission);
    expect(guard.kind).toBe("allowed");
    const text = guard.kind === "allowed" ? guard.recommendation : undefined;
    if (recommendation) expect(text).toMatch(recommendation);
    else expect(text).toBeUndefined();
  });
});

const loginServer = "contosoprod.azurecr.io";
const routingWriter = { canWrite: true, action: REPLICATION_WRITE };

/** Replicas from a compact spec: `eastus` routed, `-uksouth` excluded. */
function fleet(...spec: string[]) {
  return spec.map((s) =>
    replica(s.replace(/^-/, ""), { globalEndpointRouting: !s.startsWith("-") }),
  );
}

describe("global endpoint routing guard", () => {
  it.each([
    [
      "excluding one of three",
      fleet("westeurope", "eastus", "uksouth"),
      "eastus",
      false,
      "allowed",
      undefined,
    ],
    [
      "excluding one of two: second confirmation",
      fleet("westeurope", "eastus"),
      "eastus",
      false,
      "allowed",
      /Only westeurope will then serve contosoprod\.azurecr\.io/,
    ],
    [
      "excluding the home when one other serves: second confirmation",
      fleet("westeurope", "eastus", "-uksouth"),
      "westeurope",
      false,
      "allowed",
      /Only eastus/,
    ],
    [
      "excluding the last serving replica: refused",
      fleet("westeurope", "-eastus", "-uksouth"),
      "westeurope",
      false,
      "refused",
      /last replica.*Turn global endpoint routing on for another replica first/,
    ],
    [
      "excluding the only replica: refused",
      fleet("westeurope"),
      "westeurope",
      false,
      "refused",
      /last replica/,
    ],
    [
      "including an excluded replica",
      fleet("westeurope", "-uksouth"),
      "uksouth",
      true,
      "allowed",
      undefined,
    ],
    [
      "including when none serves",
      fleet("-westeurope", "-uksouth"),
      "uksouth",
      true,
      "allowed",
      undefined,
    ],
  ])("%s", (_name, replicas, region, on, kind, text) => {
    const guard = globalRoutingGuard(replicas, region, on, loginServer, routingWriter);
    expect(guard.kind).toBe(kind);
    const shown =
      guard.kind === "refused"
        ? guard.reason
        : guard.kind === "allowed"
          ? guard.secondConfirmation
          : undefined;
    if (text) expect(shown).toMatch(text);
    else expect(shown).toBeUndefined();
  });

  it("counts a change still running on another replica as done", () => {
    // eastus is being excluded (shown Off while its change runs): uksouth is then the last one.
    const replicas = fleet("-westeurope", "-eastus", "uksouth");
    expect(globalRoutingGuard(replicas, "uksouth", false, loginServer, routingWriter).kind).toBe(
      "refused",
    );
  });

  it.each<[string, ProvisioningState, boolean, string]>([
    ["a reader", "Succeeded", false, "unavailable"],
    ["a replica ARM is updating", "Updating", true, "unavailable"],
    ["a replica ARM is creating", "Creating", true, "unavailable"],
    ["a replica whose last operation failed", "Failed", true, "allowed"],
  ])("%s", (_name, provisioningState, canWrite, kind) => {
    const replicas = [
      replica("westeurope"),
      replica("eastus", { provisioningState }),
      replica("uksouth"),
    ];
    const guard = globalRoutingGuard(replicas, "eastus", false, loginServer, {
      canWrite,
      action: REPLICATION_WRITE,
    });
    expect(guard.kind).toBe(kind);
    if (!canWrite && guard.kind === "unavailable") {
      expect(guard.reason).toContain(REPLICATION_WRITE);
      expect(guard.reason).toContain("Contributor");
    }
  });

  it.each([
    [fleet("westeurope", "eastus", "-uksouth"), "eastus", false, ["westeurope"]],
    [
      fleet("westeurope", "eastus", "-uksouth"),
      "uksouth",
      true,
      ["westeurope", "eastus", "uksouth"],
    ],
    [fleet("-westeurope"), "westeurope", false, []],
  ])("serving after the change %#", (replicas, region, on, expected) => {
    expect(servingAfter(replicas, region, on).map((r) => r.region)).toEqual(expected);
  });
});
