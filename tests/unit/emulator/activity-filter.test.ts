import { describe, expect, it } from "vitest";
import { matchesActivityFilter, parseActivityFilter } from "@/emulator/arm/activity-filter";
import { ArmError } from "@/emulator/arm/errors";

const GE = "eventTimestamp ge '2026-01-01T00:00:00Z'";
const LE = "eventTimestamp le '2026-01-02T00:00:00Z'";
const FROM = Date.parse("2026-01-01T00:00:00Z");
const TO = Date.parse("2026-01-02T00:00:00Z");
const ID =
  "/subscriptions/s/resourceGroups/rg-web/providers/Microsoft.ContainerRegistry/registries/contosoweb";

const event = {
  eventTimestamp: "2026-01-01T12:00:00.000Z",
  resourceGroupName: "rg-web",
  resourceId: ID,
  resourceProvider: "Microsoft.ContainerRegistry",
  correlationId: "c0ffee00-0000-4000-8000-000000000000",
};

describe("Activity Log $filter grammar", () => {
  it.each([
    [`${GE} and ${LE}`, {}],
    [`${GE} and ${LE} and resourceGroupName eq 'rg-web'`, { resourceGroupName: "rg-web" }],
    [`${LE} AND ${GE} and resourceUri eq '${ID}'`, { resourceUri: ID }],
    [
      `${GE} and ${LE} and resourceProvider eq 'Microsoft.ContainerRegistry'`,
      { resourceProvider: "Microsoft.ContainerRegistry" },
    ],
    [`${GE} and ${LE} and correlationId eq 'abc'`, { correlationId: "abc" }],
    [
      `${GE} and ${LE} and resourceGroupName eq 'it''s and more'`,
      { resourceGroupName: "it's and more" },
    ],
    [`  EventTimestamp GE '2026-01-01T00:00:00Z'   and   ${LE} `, {}],
  ])("parses %s", (filter, expected) => {
    expect(parseActivityFilter(filter)).toEqual({ from: FROM, to: TO, ...expected });
  });

  it.each([
    [null],
    [""],
    [GE],
    [LE],
    [`${GE} and ${GE} and ${LE}`],
    [`${GE} or ${LE}`],
    [`(${GE}) and ${LE}`],
    [`${GE} and ${LE} and caller eq 'x'`],
    [`${GE} and ${LE} and resourceGroupName ne 'x'`],
    [`${GE} and ${LE} and resourceGroupName eq x`],
    [`${GE} and ${LE} and resourceGroupName eq 'a' and correlationId eq 'b'`],
    [`eventTimestamp ge 'today' and ${LE}`],
    [`eventTimestamp ge '2026-01-03T00:00:00Z' and ${LE}`],
  ])("refuses %j with ARM's 400 InvalidFilter", (filter) => {
    let error: unknown;
    try {
      parseActivityFilter(filter);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ArmError);
    expect(error).toMatchObject({ status: 400, code: "InvalidFilter" });
  });

  it.each([
    [`${GE} and ${LE}`, true],
    [`eventTimestamp ge '2026-01-01T12:00:00.001Z' and ${LE}`, false],
    [`${GE} and eventTimestamp le '2026-01-01T12:00:00Z'`, true],
    [`${GE} and ${LE} and resourceGroupName eq 'RG-WEB'`, true],
    [`${GE} and ${LE} and resourceGroupName eq 'rg-other'`, false],
    [`${GE} and ${LE} and resourceUri eq '${ID.toUpperCase()}/'`, true],
    // The resource itself: a child's events do not match its parent's uri.
    [`${GE} and ${LE} and resourceUri eq '${ID}/replications/eastus'`, false],
    [`${GE} and ${LE} and resourceProvider eq 'microsoft.containerregistry'`, true],
    [`${GE} and ${LE} and correlationId eq 'C0FFEE00-0000-4000-8000-000000000000'`, true],
  ])("%s matches the event: %s", (filter, expected) => {
    expect(matchesActivityFilter(parseActivityFilter(filter), event)).toBe(expected);
  });
});
