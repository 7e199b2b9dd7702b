import { describe, expect, it } from "vitest";
import { attentionFor, replicaStatus } from "@/lib/fleet/shared/attention";
import type { AttentionReason, EndpointHealth, FleetRegistry } from "@/lib/fleet/shared/types";
import { fleetRegistry, fleetReplica, health, NOW } from "../fixtures";

const STUCK = 30 * 60_000;
const FIRST_SEEN = "2026-12-05T11:00:00.000Z";

function reasons(registries: FleetRegistry[], endpoints: EndpointHealth[] = []) {
  return attentionFor(registries, endpoints, {
    now: NOW,
    stuckAfterMs: STUCK,
    firstSeen: () => FIRST_SEEN,
  }).map((i) => [i.reason, i.region] as [AttentionReason, string | null]);
}

describe("attention rules", () => {
  it.each<[string, FleetRegistry[], EndpointHealth[], [AttentionReason, string | null][]]>([
    ["a healthy registry needs nothing", [fleetRegistry()], [], []],
    [
      "a replica whose provisioning Failed",
      [
        fleetRegistry({
          replicas: [
            fleetReplica("eastus"),
            fleetReplica("westeurope", { provisioningState: "Failed" }),
            fleetReplica("uksouth"),
          ],
        }),
      ],
      [],
      [["provisioning-failed", "westeurope"]],
    ],
    [
      "a replica Syncing since long before the threshold",
      [
        fleetRegistry({
          replicas: [
            fleetReplica("eastus"),
            fleetReplica("westeurope", {
              status: { displayStatus: "Syncing", timestamp: "2026-12-05T11:00:00Z" },
            }),
          ],
        }),
      ],
      [],
      [["stuck-in-progress", "westeurope"]],
    ],
    [
      "a replica Syncing for less than the threshold",
      [
        fleetRegistry({
          replicas: [
            fleetReplica("eastus"),
            fleetReplica("westeurope", {
              status: { displayStatus: "Syncing", timestamp: "2026-12-05T11:45:00Z" },
            }),
          ],
        }),
      ],
      [],
      [],
    ],
    [
      "a replica Updating since the server first saw it (an hour ago)",
      [
        fleetRegistry({
          replicas: [
            fleetReplica("eastus"),
            fleetReplica("westeurope", { provisioningState: "Updating" }),
          ],
        }),
      ],
      [],
      [["stuck-in-progress", "westeurope"]],
    ],
    [
      "a replica excluded from global endpoint routing, with two others serving",
      [
        fleetRegistry({
          replicas: [
            fleetReplica("eastus"),
            fleetReplica("westeurope"),
            fleetReplica("uksouth", { globalEndpointRouting: false }),
          ],
        }),
      ],
      [],
      [["excluded-from-routing", "uksouth"]],
    ],
    [
      "only one replica left serving the global name",
      [
        fleetRegistry({
          replicas: [
            fleetReplica("eastus"),
            fleetReplica("westeurope", { globalEndpointRouting: false }),
          ],
        }),
      ],
      [],
      [
        ["excluded-from-routing", "westeurope"],
        ["no-failover", null],
      ],
    ],
    [
      "a replica whose own endpoint is down leaves no failover either",
      [
        fleetRegistry({
          replicas: [
            fleetReplica("eastus", { dataEndpoint: "contosoprod.eastus.data.azurecr.io" }),
            fleetReplica("westeurope", { dataEndpoint: "contosoprod.westeurope.data.azurecr.io" }),
          ],
        }),
      ],
      [
        health("contosoprod.westeurope.data.azurecr.io", {
          kind: "data",
          region: "westeurope",
          verdict: "refused",
          status: null,
          error: "ECONNRESET",
        }),
      ],
      [
        ["no-failover", null],
        ["endpoint-down", "westeurope"],
      ],
    ],
    [
      "a single-replica registry has no failover to lose",
      [fleetRegistry({ replicas: [fleetReplica("eastus")] })],
      [],
      [],
    ],
    [
      "the global endpoint forbidden, throttled or slow",
      [
        fleetRegistry(),
        fleetRegistry({ name: "contosoweb" }),
        fleetRegistry({ name: "contosoml" }),
      ],
      [
        health("contosoprod.azurecr.io", { verdict: "forbidden", status: 403 }),
        health("contosoweb.azurecr.io", { verdict: "throttled", status: 429 }),
        health("contosoml.azurecr.io", { ttfbMs: 900, baselineMs: 80, slow: true }),
      ],
      [
        ["endpoint-forbidden", null],
        ["endpoint-throttled", null],
        ["endpoint-slow", null],
      ],
    ],
    [
      "an ok endpoint needs nothing, however it is probed",
      [fleetRegistry()],
      [health("contosoprod.azurecr.io")],
      [],
    ],
    [
      "regional endpoints on while a replica is not Ready",
      [
        fleetRegistry({
          regionalEndpoints: "Enabled",
          replicas: [
            fleetReplica("eastus", { regionalEndpoint: "contosoprod.eastus.geo.azurecr.io" }),
            fleetReplica("westeurope", {
              regionalEndpoint: "contosoprod.westeurope.geo.azurecr.io",
              status: { displayStatus: "Syncing", timestamp: "2026-12-05T11:50:00Z" },
            }),
          ],
        }),
      ],
      [],
      [["regional-endpoint-not-ready", "westeurope"]],
    ],
    [
      "regional endpoints unknown (Resource Graph does not carry them): no regional rule",
      [
        fleetRegistry({
          regionalEndpoints: "Unknown",
          replicas: [
            fleetReplica("eastus", { regionalEndpoint: undefined }),
            fleetReplica("westeurope", {
              regionalEndpoint: undefined,
              provisioningState: "Failed",
            }),
            fleetReplica("uksouth"),
          ],
        }),
      ],
      [],
      [["provisioning-failed", "westeurope"]],
    ],
  ])("%s", (_name, registries, endpoints, expected) => {
    expect(reasons(registries, endpoints)).toEqual(expected);
  });

  it("says since when: ARM's status time, the sweep's, or the first sighting", () => {
    const items = attentionFor(
      [
        fleetRegistry({
          replicas: [
            fleetReplica("eastus"),
            fleetReplica("westeurope", {
              status: { displayStatus: "Syncing", timestamp: "2026-12-04T08:00:00Z" },
            }),
            fleetReplica("uksouth", { provisioningState: "Failed" }),
          ],
        }),
      ],
      [
        health("contosoprod.azurecr.io", {
          verdict: "timeout",
          status: null,
          since: "2026-12-05T11:59:00.000Z",
        }),
      ],
      {
        now: NOW,
        stuckAfterMs: STUCK,
        firstSeen: (key) => (key.startsWith("provisioning-failed") ? FIRST_SEEN : null),
      },
    );
    const since = Object.fromEntries(items.map((i) => [i.reason, i.since]));
    expect(since).toEqual({
      "provisioning-failed": FIRST_SEEN,
      "stuck-in-progress": "2026-12-04T08:00:00.000Z",
      "endpoint-down": "2026-12-05T11:59:00.000Z",
    });
    expect(items.find((i) => i.reason === "stuck-in-progress")?.detail).toBe(
      "Replica in westeurope: Syncing for 28 h",
    );
  });

  it("links a replica to its pinned view when it has an endpoint, else to the registry", () => {
    const items = attentionFor(
      [
        fleetRegistry({
          replicas: [
            fleetReplica("eastus", { provisioningState: "Failed" }),
            fleetReplica("westeurope", {
              provisioningState: "Failed",
              dataEndpoint: "contosoprod.westeurope.data.azurecr.io",
            }),
          ],
        }),
      ],
      [],
      { now: NOW, stuckAfterMs: STUCK },
    );
    const href = Object.fromEntries(items.filter((i) => i.region).map((i) => [i.region, i.href]));
    expect(href.eastus).toBe(
      "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-prod/registries/contosoprod",
    );
    expect(href.westeurope).toBe(
      "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-prod/registries/contosoprod/probes/westeurope",
    );
  });

  it("keeps one key per condition, so a row keeps its place and its since", () => {
    const registry = fleetRegistry({
      replicas: [
        fleetReplica("eastus"),
        fleetReplica("westeurope", { globalEndpointRouting: false }),
      ],
    });
    const once = attentionFor([registry], [], { now: NOW, stuckAfterMs: STUCK });
    const again = attentionFor([registry], [], { now: NOW + 60_000, stuckAfterMs: STUCK });
    expect(again.map((i) => i.key)).toEqual(once.map((i) => i.key));
    expect(new Set(once.map((i) => i.key)).size).toBe(once.length);
  });

  it.each([
    [{ provisioningState: "Failed" as const }, "Failed"],
    [{ provisioningState: "Updating" as const }, "Updating"],
    [{ status: { displayStatus: "Syncing" } }, "Syncing"],
    [{ status: {} }, "Unknown"],
    [{}, "Ready"],
  ])("shows a replica %j as %s", (over, status) => {
    expect(replicaStatus(fleetReplica("eastus", over))).toBe(status);
  });
});
