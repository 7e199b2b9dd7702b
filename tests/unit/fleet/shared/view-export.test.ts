import { describe, expect, it } from "vitest";
import { attentionByRegistry, attentionFor } from "@/lib/fleet/shared/attention";
import { csvCell, fleetCsv } from "@/lib/fleet/shared/export";
import { replicaRows } from "@/lib/fleet/shared/replica-row";
import { fleetTargets } from "@/lib/fleet/shared/targets";
import { fleetTotals } from "@/lib/fleet/shared/totals";
import {
  applyFleetView,
  DEFAULT_FLEET_VIEW,
  filterAttention,
  fleetViewQuery,
  parseFleetView,
  regionColumns,
} from "@/lib/fleet/shared/view";
import { fleetRegistry, fleetReplica, health, NOW } from "../fixtures";

const prod = fleetRegistry({
  regionalEndpoints: "Enabled",
  replicas: [
    fleetReplica("eastus", { regionalEndpoint: "contosoprod.eastus.geo.azurecr.io" }),
    fleetReplica("westeurope", {
      regionalEndpoint: "contosoprod.westeurope.geo.azurecr.io",
      provisioningState: "Failed",
    }),
  ],
});
const web = fleetRegistry({
  name: "contosoweb",
  resourceGroup: "rg-web",
  regionalEndpoints: "Unknown",
  replicas: [
    fleetReplica("westeurope", {
      regionalEndpoint: undefined,
      dataEndpoint: "contosoweb.westeurope.data.azurecr.io",
    }),
    fleetReplica("uksouth", { regionalEndpoint: undefined, globalEndpointRouting: false }),
    fleetReplica("eastus", { regionalEndpoint: undefined }),
  ],
});
const build = fleetRegistry({
  name: "contosobuild",
  sku: "Standard",
  regionalEndpoints: "NotAvailable",
  replicas: [],
});
const fleet = [prod, web, build];
const items = attentionFor(fleet, [], { now: NOW, stuckAfterMs: 1_800_000 });
const byRegistry = attentionByRegistry(items);
const names = (q: string) =>
  applyFleetView(fleet, byRegistry, parseFleetView(new URLSearchParams(q))).map((r) => r.name);

describe("the fleet view in the URL", () => {
  it.each([
    ["", ["contosoprod", "contosoweb", "contosobuild"]],
    ["sort=name&dir=asc", ["contosobuild", "contosoprod", "contosoweb"]],
    ["rg=RG-WEB", ["contosoweb"]],
    ["region=uksouth", ["contosoweb"]],
    ["sku=standard", ["contosobuild"]],
    ["state=Failed", ["contosoprod"]],
    ["reason=excluded-from-routing", ["contosoweb"]],
    ["reason=nonsense", ["contosoprod", "contosoweb", "contosobuild"]],
    ["q=web", ["contosoweb"]],
    [
      "subscription=00000000-0000-0000-0000-000000000001&sort=replicas&dir=desc",
      ["contosoweb", "contosoprod", "contosobuild"],
    ],
  ])("?%s shows %j", (query, expected) => {
    expect(names(query)).toEqual(expected);
  });

  it("writes a view back to the same query string, without defaults", () => {
    expect(fleetViewQuery(DEFAULT_FLEET_VIEW)).toBe("");
    const query =
      "subscription=s&rg=rg-web&region=uksouth&sku=Premium&state=Ready&reason=no-failover&sort=name&dir=asc";
    expect(fleetViewQuery(parseFleetView(new URLSearchParams(query)))).toBe(`?${query}`);
  });

  it("keeps attention items of the shown registries, reason and region", () => {
    const view = parseFleetView(new URLSearchParams("region=westeurope"));
    const shown = applyFleetView(fleet, byRegistry, view);
    // Registry-wide items (region null) stay under a region filter.
    expect(
      filterAttention(items, shown, view).map((i) => [i.reason, i.registryName, i.region]),
    ).toEqual([
      ["provisioning-failed", "contosoprod", "westeurope"],
      ["no-failover", "contosoprod", null],
      ["regional-endpoint-not-ready", "contosoprod", "westeurope"],
    ]);
    expect(regionColumns(shown, view)).toEqual(["westeurope"]);
    expect(regionColumns(fleet, DEFAULT_FLEET_VIEW)).toEqual(["eastus", "uksouth", "westeurope"]);
  });
});

describe("totals and sweep targets", () => {
  it("counts registries, replicas by status and attention", () => {
    expect(fleetTotals(fleet, items)).toEqual({
      registries: 3,
      replicas: 5,
      byStatus: { Ready: 4, Failed: 1 },
      attention: items.length,
    });
  });

  it("probes login servers, known regional endpoints and data endpoints, once each", () => {
    expect(fleetTargets([...fleet, prod]).map((t) => `${t.kind} ${t.host}`)).toEqual([
      "global contosoprod.azurecr.io",
      "regional contosoprod.eastus.geo.azurecr.io",
      "regional contosoprod.westeurope.geo.azurecr.io",
      "global contosoweb.azurecr.io",
      "data contosoweb.westeurope.data.azurecr.io",
      "global contosobuild.azurecr.io",
    ]);
  });
});

describe("exports", () => {
  it.each([
    ["plain", "plain"],
    ['=HYPERLINK("x")', '"\'=HYPERLINK(""x"")"'],
    ["+1", "'+1"],
    ["-1", "'-1"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tindent", "'\tindent"],
    ["\rreturn", '"\'\rreturn"'],
    ["a,b", '"a,b"'],
    ["line\nbreak", '"line\nbreak"'],
    ["", ""],
  ])("writes %j as the cell %j", (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it("writes one CSV line per replica, with the grid's values", () => {
    const rows = replicaRows(fleet, [
      health("contosoweb.westeurope.data.azurecr.io", {
        kind: "data",
        region: "westeurope",
        verdict: "refused",
        status: null,
        ttfbMs: null,
      }),
    ]);
    expect(
      rows.map((r) => [
        r.registry,
        r.region,
        r.status,
        r.globalEndpointRouting,
        r.regionalEndpoint,
        r.lastProbe,
      ]),
    ).toEqual([
      ["contosoprod", "eastus", "Ready", "On", "contosoprod.eastus.geo.azurecr.io", "Not probed"],
      [
        "contosoprod",
        "westeurope",
        "Failed",
        "On",
        "contosoprod.westeurope.geo.azurecr.io",
        "Not probed",
      ],
      ["contosoweb", "eastus", "Ready", "On", "Unknown", "Not probed"],
      ["contosoweb", "uksouth", "Ready", "Off", "Unknown", "Not probed"],
      ["contosoweb", "westeurope", "Ready", "On", "Unknown", "refused"],
    ]);
    const csv = fleetCsv(rows).split("\r\n");
    expect(csv[0]).toBe(
      "Subscription,Resource group,Registry,SKU,Region,Home,Provisioning state,Status,Global endpoint routing,Regional endpoint,Last probe,Last probe TTFB (ms),Availability 24 h (%),Availability vantage",
    );
    expect(csv).toHaveLength(rows.length + 2);
    expect(csv[5]).toBe(
      "00000000-0000-0000-0000-000000000001,rg-web,contosoweb,Premium,westeurope,false,Succeeded,Ready,On,Unknown,refused,,No data,",
    );
  });
});
