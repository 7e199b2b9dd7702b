import { describe, expect, it } from "vitest";
import type { ArmRegistry, ArmReplication } from "@/lib/azure/arm-types";
import {
  normalizeRegion,
  sortReplicas,
  toRegistry,
  toReplica,
  toSubscription,
} from "@/lib/azure/map";

const SUB = "00000000-0000-0000-0000-000000000000";
const ID = `/subscriptions/${SUB}/resourceGroups/myResourceGroup/providers/Microsoft.ContainerRegistry/registries/myRegistry`;

/** The spec's RegistryGet example (2026-01-01-preview), trimmed to what is mapped. */
const specExample: ArmRegistry = {
  id: ID,
  name: "myRegistry",
  location: "westus",
  tags: { key: "value" },
  sku: { name: "Standard", tier: "Standard" },
  properties: {
    loginServer: "myregistry.azurecr.io",
    provisioningState: "Succeeded",
    policies: { trustPolicy: { status: "disabled" } },
    dataEndpointEnabled: false,
    dataEndpointHostNames: [],
    publicNetworkAccess: "Enabled",
    regionalEndpoints: "Disabled",
    regionalEndpointHostNames: [],
  },
};

function premium(properties: ArmRegistry["properties"] = {}): ArmRegistry {
  return {
    ...specExample,
    sku: { name: "Premium", tier: "Premium" },
    properties: { ...specExample.properties, ...properties },
  };
}

describe("toRegistry", () => {
  it("maps the spec's example registry", () => {
    expect(toRegistry(specExample)).toEqual({
      subscriptionId: SUB,
      resourceGroup: "myResourceGroup",
      name: "myRegistry",
      id: ID,
      location: "westus",
      sku: "Standard",
      loginServer: "myregistry.azurecr.io",
      provisioningState: "Succeeded",
      regionalEndpoints: "NotAvailable",
      regionalEndpointHostNames: [],
      dataEndpointEnabled: false,
      dataEndpointHostNames: [],
      contentTrustEnabled: false,
      publicNetworkAccess: "Enabled",
      tags: { key: "value" },
    });
  });

  it.each([
    ["Basic", "Disabled", "NotAvailable"],
    ["Standard", "Enabled", "NotAvailable"],
    ["Classic", "Enabled", "NotAvailable"],
    ["Premium", "Enabled", "Enabled"],
    ["Premium", "Disabled", "Disabled"],
    ["Premium", undefined, "Disabled"],
  ])("sku %s with regionalEndpoints %s -> %s", (sku, value, expected) => {
    const arm = premium({ regionalEndpoints: value });
    arm.sku = { name: sku };
    expect(toRegistry(arm).regionalEndpoints).toBe(expected);
  });

  it("takes host names from ARM as they are, never derived from the name", () => {
    const registry = toRegistry(
      premium({
        loginServer: "contosoweb-d7ahbgchb9e6f0h4.azurecr.io",
        regionalEndpoints: "Enabled",
        regionalEndpointHostNames: ["x.westus.geo.azurecr.io", "x.eastus.geo.azurecr.io"],
        dataEndpointEnabled: true,
        dataEndpointHostNames: ["x.westus.data.azurecr.io"],
      }),
    );
    expect(registry.loginServer).toBe("contosoweb-d7ahbgchb9e6f0h4.azurecr.io");
    expect(registry.regionalEndpointHostNames).toEqual([
      "x.westus.geo.azurecr.io",
      "x.eastus.geo.azurecr.io",
    ]);
    expect(registry.dataEndpointEnabled).toBe(true);
    expect(registry.dataEndpointHostNames).toEqual(["x.westus.data.azurecr.io"]);
  });

  it("reads content trust, public access and defaults for omitted properties", () => {
    const trusted = toRegistry(
      premium({
        policies: { trustPolicy: { status: "enabled" } },
        publicNetworkAccess: "Disabled",
      }),
    );
    expect(trusted.contentTrustEnabled).toBe(true);
    expect(trusted.publicNetworkAccess).toBe("Disabled");
    const bare = toRegistry({ id: ID, location: "West US", sku: { name: "Premium" } });
    expect(bare).toMatchObject({
      location: "westus",
      name: "myRegistry",
      regionalEndpoints: "Disabled",
      regionalEndpointHostNames: [],
      dataEndpointEnabled: false,
      dataEndpointHostNames: [],
      contentTrustEnabled: false,
      publicNetworkAccess: "Enabled",
      tags: {},
    });
  });

  it("refuses a registry without a registry id", () => {
    expect(() => toRegistry({ ...specExample, id: "/subscriptions/x" })).toThrow(/valid id/);
  });
});

describe("toReplica", () => {
  const base: ArmReplication = {
    id: `${ID}/replications/eastus`,
    name: "eastus",
    location: "eastus",
    properties: {
      provisioningState: "Succeeded",
      status: { displayStatus: "Ready", timestamp: "2025-01-01T00:00:00Z" },
      zoneRedundancy: "Enabled",
    },
  };

  it.each([
    [undefined, true],
    [true, true],
    [false, false],
  ])("regionEndpointEnabled %s -> globalEndpointRouting %s", (value, expected) => {
    const arm = { ...base, properties: { ...base.properties, regionEndpointEnabled: value } };
    expect(toReplica(arm, "westus").globalEndpointRouting).toBe(expected);
  });

  it("marks the replica in the registry's location as home", () => {
    expect(toReplica(base, "eastus").isHome).toBe(true);
    expect(toReplica(base, "East US").isHome).toBe(true);
    expect(toReplica(base, "westus").isHome).toBe(false);
  });

  it("maps status, state and zone redundancy", () => {
    expect(toReplica(base, "westus")).toEqual({
      id: `${ID}/replications/eastus`,
      name: "eastus",
      region: "eastus",
      isHome: false,
      provisioningState: "Succeeded",
      status: { displayStatus: "Ready", timestamp: "2025-01-01T00:00:00Z" },
      zoneRedundancy: "Enabled",
      globalEndpointRouting: true,
    });
    const bare = toReplica({ id: "x", location: "northeurope" }, "westus");
    expect(bare).toMatchObject({ name: "northeurope", status: {}, zoneRedundancy: "Disabled" });
  });

  it("sorts home first, then by region", () => {
    const replicas = ["westus", "eastus", "northeurope"].map((r) =>
      toReplica({ ...base, name: r, location: r }, "westus"),
    );
    expect(sortReplicas(replicas).map((r) => r.region)).toEqual([
      "westus",
      "eastus",
      "northeurope",
    ]);
  });
});

describe("ids, regions and subscriptions", () => {
  it("normalises region display names", () => {
    expect(normalizeRegion("West Europe")).toBe("westeurope");
    expect(normalizeRegion(undefined)).toBe("");
  });

  it("maps subscriptions, falling back to the id", () => {
    expect(
      toSubscription({
        id: `/subscriptions/${SUB}`,
        displayName: "Prod",
        state: "Enabled",
        tenantId: "t",
      }),
    ).toEqual({ subscriptionId: SUB, displayName: "Prod", state: "Enabled", tenantId: "t" });
    expect(toSubscription({ subscriptionId: SUB })).toEqual({
      subscriptionId: SUB,
      displayName: SUB,
      state: "Unknown",
    });
  });
});
