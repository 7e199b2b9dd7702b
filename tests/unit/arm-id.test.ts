import { describe, expect, it } from "vitest";
import {
  decodeRouteSegment,
  findRegistryIdInText,
  isResourceGroupName,
  parseRegistryId,
  pinnedProbesPageUrl,
  registryApiUrl,
  registryArmPath,
  registryPageUrl,
  registryRefFromRoute,
  replicationApiUrl,
  replicationArmPath,
  subscriptionRegistriesArmPath,
} from "@/lib/arm-id";

const SUB = "00000000-0000-0000-0000-000000000001";
const ID = `/subscriptions/${SUB}/resourceGroups/rg-prod/providers/Microsoft.ContainerRegistry/registries/contosoprod`;
const REF = { subscriptionId: SUB, resourceGroup: "rg-prod", name: "contosoprod" };
const lowerLiterals = ID.replace("resourceGroups", "resourcegroups").replace(
  "Microsoft.ContainerRegistry",
  "microsoft.containerregistry",
);

describe("parseRegistryId (ids as ARM returns them)", () => {
  it.each([
    ["a registry id", ID, REF],
    ["a replication id", `${ID}/replications/eastus`, REF],
    ["any casing of the literal segments", lowerLiterals, REF],
    [
      "a lower-cased id keeps the parts' case",
      ID.toLowerCase(),
      { ...REF, resourceGroup: "rg-prod" },
    ],
    [
      "encoded segments",
      ID.replace("rg-prod", "rg%20(prod)"),
      { ...REF, resourceGroup: "rg (prod)" },
    ],
    ["a malformed escape", ID.replace("rg-prod", "rg%zz"), undefined],
    ["a resource group only", `/subscriptions/${SUB}/resourceGroups/rg-prod`, undefined],
    [
      "another resource type",
      ID.replace("Microsoft.ContainerRegistry/registries", "Microsoft.Storage/storageAccounts"),
      undefined,
    ],
    ["no leading slash", ID.slice(1), undefined],
  ])("%s", (_name, id, expected) => expect(parseRegistryId(id)).toEqual(expected));
});

describe("parseRegistryId strict (ids as an API accepts them)", () => {
  it.each([
    ["a registry id", ID, REF],
    ["any casing of the literal segments", lowerLiterals, REF],
    ["a child resource", `${ID}/replications/eastus`, undefined],
    ["a trailing slash", `${ID}/`, undefined],
    ["a subscription that is not a GUID", ID.replace(SUB, "sub-1"), undefined],
    ["a group ending with a dot", ID.replace("rg-prod", "rg."), undefined],
    ["a group of 91 characters", ID.replace("rg-prod", "g".repeat(91)), undefined],
    [
      "a group with Unicode letters",
      ID.replace("rg-prod", "rg-prüfung"),
      { ...REF, resourceGroup: "rg-prüfung" },
    ],
    ["a registry name with a dash", ID.replace("contosoprod", "contoso-prod"), undefined],
    ["an encoded segment", ID.replace("rg-prod", "rg%2Fprod"), undefined],
    ["a URL", `https://management.azure.com${ID}`, undefined],
  ])("%s", (_name, id, expected) =>
    expect(parseRegistryId(id, { strict: true })).toEqual(expected),
  );
});

describe("findRegistryIdInText (what a user pastes)", () => {
  it.each([
    ["a registry id", ID, REF],
    ["without the leading slash", ID.slice(1), REF],
    ["with whitespace", `  ${ID}\n`, REF],
    ["a replication id", `${ID}/replications/eastus`, REF],
    ["any casing", lowerLiterals, REF],
    [
      "a portal URL",
      `https://portal.azure.com/#@contoso.onmicrosoft.com/resource${ID}/overview`,
      REF,
    ],
    [
      "another resource type",
      ID.replace("Microsoft.ContainerRegistry/registries", "Microsoft.Storage/storageAccounts"),
      undefined,
    ],
    ["a login server", "contosoprod.azurecr.io", undefined],
    ["empty", "", undefined],
  ])("%s", (_name, text, expected) => expect(findRegistryIdInText(text)).toEqual(expected));
});

describe("isResourceGroupName", () => {
  it.each([
    ["rg-prod", true],
    ["Rg_(1).x", true],
    ["rg-prüfung", true],
    ["g".repeat(90), true],
    ["g".repeat(91), false],
    ["", false],
    ["rg.", false],
    ["rg/prod", false],
    ["rg prod", false],
  ])("%s -> %s", (name, expected) => expect(isResourceGroupName(name)).toBe(expected));
});

describe("paths built from a registry", () => {
  const spaced = { ...REF, resourceGroup: "rg (prod)" };
  it.each([
    ["ARM path", registryArmPath(REF), ID],
    ["ARM path, escaped", registryArmPath(spaced), ID.replace("rg-prod", "rg%20(prod)")],
    [
      "subscription's registries ARM path",
      subscriptionRegistriesArmPath(SUB),
      `/subscriptions/${SUB}/providers/Microsoft.ContainerRegistry/registries`,
    ],
    ["replication ARM path", replicationArmPath(REF, "eastus"), `${ID}/replications/eastus`],
    [
      "page URL",
      registryPageUrl(REF),
      `/subscriptions/${SUB}/resourceGroups/rg-prod/registries/contosoprod`,
    ],
    [
      "page URL, escaped",
      registryPageUrl(spaced),
      `/subscriptions/${SUB}/resourceGroups/rg%20(prod)/registries/contosoprod`,
    ],
    [
      "pinned probes URL",
      pinnedProbesPageUrl(REF, "west europe"),
      `/subscriptions/${SUB}/resourceGroups/rg-prod/registries/contosoprod/probes/west%20europe`,
    ],
    [
      "API URL",
      registryApiUrl(REF),
      `/api/subscriptions/${SUB}/resourceGroups/rg-prod/registries/contosoprod`,
    ],
    [
      "replication API URL",
      replicationApiUrl(REF, "eastus"),
      `/api/subscriptions/${SUB}/resourceGroups/rg-prod/registries/contosoprod/replications/eastus`,
    ],
  ])("%s", (_name, actual, expected) => expect(actual).toBe(expected));

  it("round-trips: a page URL's segments decode to the registry", () => {
    const [, , subscriptionId, , resourceGroup, , registryName] =
      registryPageUrl(spaced).split("/");
    expect(
      registryRefFromRoute({
        subscriptionId: subscriptionId!,
        resourceGroup: resourceGroup!,
        registryName: registryName!,
      }),
    ).toEqual(spaced);
  });

  it("keeps a malformed route segment as it came", () => {
    expect(decodeRouteSegment("rg%zz")).toBe("rg%zz");
    expect(decodeRouteSegment("rg%20a")).toBe("rg a");
  });
});
