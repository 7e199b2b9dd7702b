import { describe, expect, it } from "vitest";
import {
  FilterNotEmulatedError,
  InvalidFilterError,
  matchesFilter,
  parseFilter,
  type FilterableResource,
} from "@/emulator/arm/filter";

const REGISTRIES = "Microsoft.ContainerRegistry/registries";

describe("parseFilter", () => {
  it.each([
    [
      `resourceType eq '${REGISTRIES}'`,
      { kind: "compare", field: "resourceType", op: "eq", value: REGISTRIES },
    ],
    ["Name EQ 'contosoprod'", { kind: "compare", field: "name", op: "eq", value: "contosoprod" }],
    ["location ne 'eastus'", { kind: "compare", field: "location", op: "ne", value: "eastus" }],
    ["name eq 'it''s'", { kind: "compare", field: "name", op: "eq", value: "it's" }],
    ["substringof('prod', name)", { kind: "substringof", field: "name", value: "prod" }],
    [
      "substringof('rg-', resourceGroup)",
      { kind: "substringof", field: "resourceGroup", value: "rg-" },
    ],
    [
      `resourceType eq '${REGISTRIES}' and name eq 'contosoprod'`,
      {
        kind: "and",
        left: { kind: "compare", field: "resourceType", op: "eq", value: REGISTRIES },
        right: { kind: "compare", field: "name", op: "eq", value: "contosoprod" },
      },
    ],
    [
      "name eq 'a' or name eq 'b' and location eq 'c'",
      {
        kind: "or",
        left: { kind: "compare", field: "name", op: "eq", value: "a" },
        right: {
          kind: "and",
          left: { kind: "compare", field: "name", op: "eq", value: "b" },
          right: { kind: "compare", field: "location", op: "eq", value: "c" },
        },
      },
    ],
    [
      "(name eq 'a' or name eq 'b') and location eq 'c'",
      {
        kind: "and",
        left: {
          kind: "or",
          left: { kind: "compare", field: "name", op: "eq", value: "a" },
          right: { kind: "compare", field: "name", op: "eq", value: "b" },
        },
        right: { kind: "compare", field: "location", op: "eq", value: "c" },
      },
    ],
  ])("parses %s", (input, tree) => {
    expect(parseFilter(input)).toEqual(tree);
  });

  it.each([
    "",
    "name",
    "name eq",
    "name eq contosoprod",
    "name gt 'a'",
    "name eq 'unterminated",
    "colour eq 'red'",
    "substringof('x', location)",
    "substringof('x' name)",
    "name eq 'a' and",
    "name eq 'a' name eq 'b'",
    "(name eq 'a'",
    "name eq 'a' | name eq 'b'",
  ])("refuses %j as ARM's invalid filter", (input) => {
    expect(() => parseFilter(input)).toThrow(InvalidFilterError);
  });

  it.each([
    "tagName eq 'env'",
    "tagName eq 'env' and tagValue eq 'prod'",
    "identity/principalId eq '00000000-0000-0000-0000-000000000000'",
    "plan eq 'x'",
    "startswith(tagName, 'dep')",
  ])("says %j is not emulated", (input) => {
    expect(() => parseFilter(input)).toThrow(FilterNotEmulatedError);
  });
});

describe("matchesFilter", () => {
  const registry: FilterableResource = {
    resourceType: REGISTRIES,
    name: "contosoprod",
    location: "eastus",
    resourceGroup: "rg-registry-prod",
  };
  const replica: FilterableResource = {
    resourceType: `${REGISTRIES}/replications`,
    name: "contosoprod/westeurope",
    location: "westeurope",
    resourceGroup: "rg-registry-prod",
  };

  it.each([
    [`resourceType eq '${REGISTRIES}' and name eq 'contosoprod'`, true, false],
    [`resourcetype eq '${REGISTRIES.toUpperCase()}'`, true, false],
    ["name eq 'CONTOSOPROD'", true, false],
    ["substringof('PROD', name)", true, true],
    ["substringof('westeurope', name)", false, true],
    ["location ne 'eastus'", false, true],
    ["resourceGroup eq 'rg-registry-prod'", true, true],
    ["name eq 'contosoweb' or location eq 'westeurope'", false, true],
    ["substringof('staging', resourceGroup)", false, false],
  ])("%s: registry %s, replica %s", (input, onRegistry, onReplica) => {
    const filter = parseFilter(input);
    expect([matchesFilter(filter, registry), matchesFilter(filter, replica)]).toEqual([
      onRegistry,
      onReplica,
    ]);
  });
});
