import { describe, expect, it } from "vitest";
import { findByLoginServer, lookupRegistry, normalizeHost } from "@/lib/endpoints";
import { regionalHosts, registry } from "../fixtures";

const ID =
  "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-prod/providers/Microsoft.ContainerRegistry/registries/contosoprod";
const REF = {
  subscriptionId: "00000000-0000-0000-0000-000000000001",
  resourceGroup: "rg-prod",
  name: "contosoprod",
};

describe("normalizeHost", () => {
  it.each([
    ["contosoprod.azurecr.io", "contosoprod.azurecr.io"],
    ["https://ContosoProd.azurecr.io/v2/", "contosoprod.azurecr.io"],
    ["contosoprod.azurecr.io:443", "contosoprod.azurecr.io"],
    ["contosoprod.azurecr.io.", "contosoprod.azurecr.io"],
    ["contosoprod.azurecr.io/team/api:1.0", "contosoprod.azurecr.io"],
  ])("%s -> %s", (text, host) => expect(normalizeHost(text)).toBe(host));
});

describe("lookupRegistry", () => {
  const inventory = [
    registry(),
    registry({
      name: "contosoweb",
      resourceGroup: "rg-web",
      loginServer: "contosoweb-d7ahbgchb9e6f0h4.azurecr.io",
      regionalEndpoints: "Enabled",
      regionalEndpointHostNames: ["contosoweb-d7ahbgchb9e6f0h4.eastus.geo.azurecr.io"],
    }),
  ];
  it.each([
    ["an ARM id", ID, { kind: "found", ref: REF }],
    ["a login server", "contosoprod.azurecr.io", { kind: "found", name: "contosoprod" }],
    [
      "a login server with hash",
      "https://contosoweb-d7ahbgchb9e6f0h4.azurecr.io",
      { kind: "found", name: "contosoweb" },
    ],
    [
      "a regional host",
      "contosoweb-d7ahbgchb9e6f0h4.eastus.geo.azurecr.io",
      { kind: "found", name: "contosoweb" },
    ],
    ["an unknown login server", "nope.azurecr.io", { kind: "not-found" }],
    [
      "an id of another type",
      "/subscriptions/x/resourceGroups/y/providers/Microsoft.Web/sites/z",
      { kind: "not-found" },
    ],
    ["blank", "   ", { kind: "empty" }],
  ])("%s", (_name, text, expected) => {
    const result = lookupRegistry(text, inventory);
    expect(result.kind).toBe(expected.kind);
    if ("ref" in expected && result.kind === "found")
      expect(result.ref).toMatchObject(expected.ref);
    if ("name" in expected && result.kind === "found") expect(result.ref.name).toBe(expected.name);
  });

  it("does not match a registry by a prefix of its login server", () => {
    expect(findByLoginServer("contosoprod.azurecr", inventory)).toBeNull();
    expect(findByLoginServer(regionalHosts[0]!, inventory)).toBeNull();
  });
});
