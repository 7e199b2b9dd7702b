import { describe, expect, it } from "vitest";
import {
  applyInventoryView,
  DEFAULT_VIEW,
  inventoryViewQuery,
  parseInventoryView,
  type InventoryView,
} from "@/components/inventory/inventory-view";
import { registry } from "@/tests/unit/fixtures";

const SUB_A = "00000000-0000-0000-0000-00000000000a";
const SUB_B = "00000000-0000-0000-0000-00000000000b";
const fleet = [
  registry({
    name: "contosoprod",
    subscriptionId: SUB_A,
    sku: "Premium",
    location: "westeurope",
    replicaCount: 3,
  }),
  registry({
    name: "contosodev",
    subscriptionId: SUB_A,
    sku: "Standard",
    location: "eastus",
    resourceGroup: "rg-dev",
    regionalEndpoints: "NotAvailable",
    replicaCount: undefined,
    loginServer: "contosodev.azurecr.io",
  }),
  registry({
    name: "fabrikamedge",
    subscriptionId: SUB_B,
    sku: "Premium",
    location: "southeastasia",
    resourceGroup: "rg-edge",
    regionalEndpoints: "Enabled",
    replicaCount: 5,
    loginServer: "fabrikamedge-x1y2.azurecr.io",
  }),
  registry({
    name: "Basic1",
    subscriptionId: SUB_B,
    sku: "Basic",
    location: "eastus",
    regionalEndpoints: "NotAvailable",
    replicaCount: undefined,
    loginServer: "basic1.azurecr.io",
  }),
];
const names = (view: Partial<InventoryView>, subName?: (id: string) => string) =>
  applyInventoryView(fleet, { ...DEFAULT_VIEW, ...view }, subName).map((r) => r.name);

describe("parseInventoryView / inventoryViewQuery", () => {
  it.each([
    ["", DEFAULT_VIEW, ""],
    [
      "?q=prod&sku=premium&subscription=abc&sort=replicas&dir=desc",
      { q: "prod", sku: "Premium", subscription: "abc", sort: "replicas", dir: "desc" },
      "?q=prod&sku=Premium&subscription=abc&sort=replicas&dir=desc",
    ],
    ["?sku=Gold&sort=evil&dir=sideways", DEFAULT_VIEW, ""],
    ["?sort=location", { ...DEFAULT_VIEW, sort: "location" }, "?sort=location&dir=asc"],
  ] as const)("%s", (query, view, canonical) => {
    const parsed = parseInventoryView(new URLSearchParams(query));
    expect(parsed).toEqual(view);
    expect(inventoryViewQuery(parsed)).toBe(canonical);
  });
});

describe("applyInventoryView", () => {
  it.each([
    [
      "default: by name, case-insensitive",
      {},
      ["Basic1", "contosodev", "contosoprod", "fabrikamedge"],
    ],
    ["name descending", { dir: "desc" }, ["fabrikamedge", "contosoprod", "contosodev", "Basic1"]],
    ["text matches name", { q: "CONTOSO" }, ["contosodev", "contosoprod"]],
    ["text matches login server", { q: "x1y2" }, ["fabrikamedge"]],
    ["text matches resource group", { q: "rg-edge" }, ["fabrikamedge"]],
    ["text matches location", { q: "eastus" }, ["Basic1", "contosodev"]],
    ["SKU filter", { sku: "Premium" }, ["contosoprod", "fabrikamedge"]],
    [
      "subscription filter, any case",
      { subscription: SUB_B.toUpperCase() },
      ["Basic1", "fabrikamedge"],
    ],
    ["filters combine", { sku: "Premium", subscription: SUB_A }, ["contosoprod"]],
    ["nothing matches", { q: "zzz" }, []],
    [
      "replicas: numbers, non-Premium first",
      { sort: "replicas" },
      ["Basic1", "contosodev", "contosoprod", "fabrikamedge"],
    ],
    [
      "replicas descending",
      { sort: "replicas", dir: "desc" },
      ["fabrikamedge", "contosoprod", "Basic1", "contosodev"],
    ],
    ["SKU in tier order", { sort: "sku" }, ["Basic1", "contosodev", "contosoprod", "fabrikamedge"]],
    [
      "regional endpoints label",
      { sort: "regional" },
      ["Basic1", "contosodev", "contosoprod", "fabrikamedge"],
    ],
  ] as const)("%s", (_name, view, expected) => {
    expect(names(view as Partial<InventoryView>)).toEqual(expected);
  });

  it("matches and sorts by subscription display name", () => {
    const subName = (id: string) => (id === SUB_A ? "Zulu" : "Alpha");
    expect(names({ q: "zulu" }, subName)).toEqual(["contosodev", "contosoprod"]);
    expect(names({ sort: "subscription" }, subName)).toEqual([
      "Basic1",
      "fabrikamedge",
      "contosodev",
      "contosoprod",
    ]);
  });

  it("does not reorder its input", () => {
    const before = fleet.map((r) => r.name);
    names({ dir: "desc" });
    expect(fleet.map((r) => r.name)).toEqual(before);
  });

  it("sorts a later list right, whether it repeats the names of an earlier one or adds others", () => {
    const sorted = (list: typeof fleet) =>
      applyInventoryView(list, { ...DEFAULT_VIEW, sort: "location" }).map((r) => r.name);
    // The parts of an inventory, then its whole answer: new objects for the same registries.
    expect(sorted(fleet.slice(0, 3))).toEqual(["contosodev", "fabrikamedge", "contosoprod"]);
    expect(sorted(fleet.map((r) => ({ ...r })))).toEqual(sorted(fleet));
    // Locations not seen before fall into their place among the others.
    const more = [
      ...fleet,
      registry({ name: "alpha", location: "australiaeast" }),
      registry({ name: "omega", location: "uksouth" }),
    ];
    expect(sorted(more).slice(0, 3)).toEqual(["alpha", "Basic1", "contosodev"]);
    expect(sorted(more).at(-2)).toBe("omega");
    expect(sorted(fleet.slice(0, 3))).toEqual(["contosodev", "fabrikamedge", "contosoprod"]);
  });
});
