import { describe, expect, it } from "vitest";
import { GraphError } from "@/emulator/graph/errors";
import { parseQuery, type Row } from "@/emulator/graph/kql";
import { runQuery } from "@/emulator/graph/kql-run";

const ROWS: Row[] = [
  {
    id: "/subscriptions/s1/resourceGroups/rg-a/providers/Microsoft.ContainerRegistry/registries/alpha",
    name: "alpha",
    type: "microsoft.containerregistry/registries",
    subscriptionId: "s1",
    resourceGroup: "rg-a",
    location: "eastus",
    sku: { name: "Premium" },
    properties: { loginServer: "alpha.azurecr.io", dataEndpointEnabled: true },
    tags: { env: "prod" },
  },
  {
    id: "/subscriptions/s1/resourceGroups/rg-a/providers/Microsoft.ContainerRegistry/registries/alpha/replications/westeurope",
    name: "westeurope",
    type: "microsoft.containerregistry/registries/replications",
    subscriptionId: "s1",
    resourceGroup: "rg-a",
    location: "westeurope",
    properties: { provisioningState: "Failed", status: { displayStatus: "Ready" } },
  },
  {
    id: "/subscriptions/s2/resourceGroups/rg-b/providers/Microsoft.ContainerRegistry/registries/beta",
    name: "beta",
    type: "microsoft.containerregistry/registries",
    subscriptionId: "s2",
    resourceGroup: "RG-B",
    location: "westus2",
    sku: { name: "Basic" },
    properties: { loginServer: "beta.azurecr.io" },
  },
];

const run = (q: string) => runQuery(parseQuery(q), ROWS);
const names = (q: string) => run(q).rows.map((r) => r.name);

describe("the emulated KQL subset", () => {
  it.each([
    ["resources", ["alpha", "westeurope", "beta"]],
    ["Resources | where type =~ 'Microsoft.ContainerRegistry/registries'", ["alpha", "beta"]],
    ["resources | where type == 'Microsoft.ContainerRegistry/registries'", []],
    ["where subscriptionId == 's2'", ["beta"]],
    ["resources | where resourceGroup =~ 'rg-b'", ["beta"]],
    ["resources | where resourceGroup == 'rg-b'", []],
    ["resources | where name != 'alpha' and location !~ 'WESTUS2'", ["westeurope"]],
    [
      "resources | where type in~ ('microsoft.containerregistry/registries/replications', 'x')",
      ["westeurope"],
    ],
    ["resources | where name !in ('alpha', 'beta')", ["westeurope"]],
    ['resources | where name in ("beta")', ["beta"]],
    ["resources | order by name asc", ["alpha", "beta", "westeurope"]],
    ["resources | order by name", ["westeurope", "beta", "alpha"]],
    ["resources | sort by location desc, name asc", ["westus2", "westeurope", "eastus"]],
  ])("%s", (query, expected) => {
    const out = query.includes("sort by location")
      ? run(query).rows.map((r) => r.location)
      : names(query);
    expect(out).toEqual(expected);
  });

  it("projects columns, paths, aliases and conversions, in order", () => {
    const { rows, columns } = run(
      "resources | where name == 'alpha' | project id, name, sku = sku.name, ls = tostring(properties.loginServer), dedicated = tobool(properties.dataEndpointEnabled), env = tags['env'], missing = properties.nothere, properties.loginServer",
    );
    expect(columns).toEqual([
      "id",
      "name",
      "sku",
      "ls",
      "dedicated",
      "env",
      "missing",
      "properties_loginServer",
    ]);
    expect(rows[0]).toMatchObject({
      sku: "Premium",
      ls: "alpha.azurecr.io",
      dedicated: true,
      env: "prod",
      missing: null,
      properties_loginServer: "alpha.azurecr.io",
    });
  });

  it("extends rows with simple properties and keeps the others", () => {
    const { rows } = run(
      "resources | where name == 'westeurope' | extend state = properties.provisioningState, shown = tostring(properties.status.displayStatus)",
    );
    expect(rows[0]).toMatchObject({ name: "westeurope", state: "Failed", shown: "Ready" });
  });

  it.each([
    ["resources | summarize count() by location", "UnsupportedOperator"],
    ["resources | limit 5", "UnsupportedOperator"],
    ["resources | where properties.loginServer == 'x'", "UnsupportedOperator"],
    ["resources | where name contains 'a'", "UnsupportedOperator"],
    ["resources | where name == 'a' or name == 'b'", "UnsupportedOperator"],
    ["resources | project x = strlen(name)", "UnsupportedOperator"],
    ["resources | where name == 'unterminated", "ParserFailure"],
    ["resources | project", "ParserFailure"],
    ["", "ParserFailure"],
  ])("refuses %j with Resource Graph's InvalidQuery error", (query, detail) => {
    let error: unknown;
    try {
      run(query);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GraphError);
    const body = (error as GraphError).body;
    expect((error as GraphError).status).toBe(400);
    expect(body.error.code).toBe("BadRequest");
    expect(body.error.message).toMatch(/^Please provide below info when asking for support/);
    expect(body.error.details.map((d) => d.code)).toEqual(["InvalidQuery", detail]);
  });
});
