import { describe, expect, it } from "vitest";
import {
  FRESH_MS,
  overlayFresh,
  rememberFreshRegistry,
  rememberFreshReplica,
  rememberFreshReplicas,
} from "@/lib/azure/fleet/fresh";
import { fleetRegistry, fleetReplica, NOW, SUB } from "../../fleet/fixtures";
import { registry as armRegistry, replica as armReplica } from "../../fixtures";

const row = fleetRegistry({
  regionalEndpoints: "Unknown",
  replicas: [
    fleetReplica("eastus", { regionalEndpoint: undefined }),
    fleetReplica("westeurope", { regionalEndpoint: undefined }),
  ],
});
const fromArm = armRegistry({
  id: row.id,
  subscriptionId: SUB,
  resourceGroup: "rg-prod",
  name: "contosoprod",
  location: "eastus",
  regionalEndpoints: "Enabled",
  regionalEndpointHostNames: [
    "contosoprod.eastus.geo.azurecr.io",
    "contosoprod.westeurope.geo.azurecr.io",
  ],
});

describe("fresh ARM answers over Resource Graph's rows", () => {
  it("takes ARM's registry and endpoints for a registry the caller just opened", () => {
    rememberFreshRegistry("token-a", fromArm, NOW);
    const [shown] = overlayFresh("token-a", [row], NOW + 1000);
    expect(shown).toMatchObject({
      source: "arm",
      regionalEndpoints: "Enabled",
      asOf: new Date(NOW).toISOString(),
    });
    expect(shown?.replicas.map((r) => r.regionalEndpoint)).toEqual([
      "contosoprod.eastus.geo.azurecr.io",
      "contosoprod.westeurope.geo.azurecr.io",
    ]);
  });

  it("takes a replica the caller just changed, and nothing for other callers or after FRESH_MS", () => {
    rememberFreshReplicas(
      "token-b",
      fromArm,
      [armReplica("eastus", { isHome: true }), armReplica("westeurope")],
      NOW,
    );
    rememberFreshReplica(
      "token-b",
      fromArm,
      armReplica("westeurope", { globalEndpointRouting: false }),
      NOW + 10,
    );
    const [shown] = overlayFresh("token-b", [row], NOW + 1000);
    expect(shown?.source).toBe("arm");
    expect(shown?.replicas.find((r) => r.region === "westeurope")?.globalEndpointRouting).toBe(
      false,
    );
    expect(overlayFresh("token-c", [row], NOW + 1000)[0]).toBe(row);
    expect(overlayFresh("token-b", [row], NOW + FRESH_MS + 100)[0]).toBe(row);
  });
});
