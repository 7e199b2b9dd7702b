import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import Ajv2019 from "ajv/dist/2019";
import addFormats from "ajv-formats";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { GET as changesRoute } from "@/app/api/subscriptions/[subscriptionId]/resourceGroups/[resourceGroup]/registries/[registryName]/changes/route";
import { PATCH as patchReplica } from "@/app/api/subscriptions/[subscriptionId]/resourceGroups/[resourceGroup]/registries/[registryName]/replications/[replicationName]/route";
import { PATCH as patchRegistry } from "@/app/api/subscriptions/[subscriptionId]/resourceGroups/[resourceGroup]/registries/[registryName]/route";
import type { RegistryChange } from "@/lib/types";
import { caFetch, control } from "../support/emulator-client";
import { SPECS } from "../support/spec-validator";
import {
  armRequests,
  callRoute,
  pointConsoleAtEmulator,
  registryParams,
  tokenFor,
} from "./console-api-support";
import { callPatch, fault } from "./switches-support";

/**
 * Who changed what: switch changes made through the console show up in the registry's recent
 * changes, read from the emulated Activity Log through @azure/arm-monitor with each caller's own
 * token; the emulator's Activity Log list API (filter grammar, $select, paging, shape).
 */

const endpoints = pointConsoleAtEmulator();
const NAME = "contosoweb";
const HOME = "westeurope";
const OPERATOR = "operator@contoso.example";

let operator: string;
let reader: string;
let params: Awaited<ReturnType<typeof registryParams>>;
let registryId: string;

beforeAll(async () => {
  await control(endpoints, "reset");
  operator = await tokenFor(endpoints, "operator");
  reader = await tokenFor(endpoints, "teamlead");
  params = await registryParams(endpoints, operator, NAME);
  registryId = `/subscriptions/${params.subscriptionId}/resourceGroups/${params.resourceGroup}/providers/Microsoft.ContainerRegistry/registries/${NAME}`;
});

const turn = (region: string, on: boolean, token = operator) =>
  callPatch(patchReplica, {
    token,
    params: { ...params, replicationName: region },
    body: { globalEndpointRouting: on },
    query: { location: HOME },
  });

const changes = async (token: string, query: Record<string, string> = {}) =>
  callRoute(changesRoute, { token, params, query });

/** The Activity Log list API of the emulator, called directly. */
async function activityLog(token: string, query: Record<string, string>) {
  const url = new URL(
    `${endpoints.armEndpoint}/subscriptions/${params.subscriptionId}/providers/Microsoft.Insights/eventtypes/management/values`,
  );
  url.searchParams.set("api-version", "2015-04-01");
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  const res = await caFetch(endpoints)(url.toString(), {
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: res.status, body: (await res.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

const range = (minutes = 60) => {
  const now = Date.now();
  return (
    `eventTimestamp ge '${new Date(now - minutes * 60_000).toISOString()}' and ` +
    `eventTimestamp le '${new Date(now + 60_000).toISOString()}'`
  );
};

/**
 * The Microsoft.Insights 2015-04-01 `EventData` definition (activityLogs_API.json): every
 * property the emulator sends, with the spec's types; nothing the spec does not define.
 */
const localizable = z.object({ value: z.string(), localizedValue: z.string().optional() }).strict();
const eventDataSchema = z
  .object({
    authorization: z
      .object({ action: z.string(), role: z.string(), scope: z.string() })
      .partial()
      .strict(),
    claims: z.record(z.string(), z.string()),
    caller: z.string(),
    description: z.string(),
    id: z.string(),
    eventDataId: z.string(),
    correlationId: z.string(),
    eventName: localizable,
    category: localizable,
    httpRequest: z
      .object({
        clientRequestId: z.string(),
        clientIpAddress: z.string(),
        method: z.string(),
        uri: z.string(),
      })
      .partial()
      .strict(),
    level: z.enum(["Critical", "Error", "Warning", "Informational", "Verbose"]),
    resourceGroupName: z.string(),
    resourceProviderName: localizable,
    resourceId: z.string(),
    resourceType: localizable,
    operationId: z.string(),
    operationName: localizable,
    properties: z.record(z.string(), z.string()),
    status: localizable,
    subStatus: localizable,
    eventTimestamp: z.iso.datetime(),
    submissionTimestamp: z.iso.datetime(),
    subscriptionId: z.string(),
    tenantId: z.string(),
  })
  .partial()
  .strict();
/**
 * The official activityLogs_API.json, when it is beside the project (the Microsoft.Insights
 * folder of the spec repository under ../shared/specs/monitor, or the file in
 * ACTIVITY_LOG_SPEC): its definitions, every object closed to properties it does not define.
 */
const OFFICIAL_SPEC = resolve(
  process.env.ACTIVITY_LOG_SPEC ??
    join(
      SPECS,
      "monitor/resource-manager/Microsoft.Insights/stable/2015-04-01/activityLogs_API.json",
    ),
);
function officialValidator() {
  const close = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(close);
    if (typeof node !== "object" || node === null) return node;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) if (!k.startsWith("x-ms-")) out[k] = close(v);
    if (out.properties && !out.additionalProperties) out.unevaluatedProperties = false;
    return out;
  };
  const spec = JSON.parse(readFileSync(OFFICIAL_SPEC, "utf8")) as { definitions: unknown };
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: "https://specs.invalid/activity", definitions: close(spec.definitions) });
  return ajv.getSchema("https://specs.invalid/activity#/definitions/EventDataCollection")!;
}

const collectionSchema = z
  .object({ value: z.array(eventDataSchema), nextLink: z.string().optional() })
  .strict();

describe("recent changes of a registry", () => {
  let change: RegistryChange;

  it("a switch change shows up with the operator's name, what changed and the outcome", async () => {
    expect((await turn("eastus", false)).status).toBe(200);
    const answer = await changes(operator);
    expect(answer.status).toBe(200);
    const found = (answer.body.changes as RegistryChange[]).filter(
      (c) => c.target.kind === "replica" && c.target.name === "eastus",
    );
    expect(found).toHaveLength(1);
    change = found[0]!;
    expect(change).toMatchObject({
      caller: OPERATOR,
      operationName: "Microsoft.ContainerRegistry/registries/replications/write",
      resourceId: `${registryId}/replications/eastus`,
      method: "PATCH",
      result: "Succeeded",
    });
    expect(change.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(change.operationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.parse(change.at)).toBeLessThanOrEqual(Date.parse(change.lastAt));
    expect(Date.now() - Date.parse(change.at)).toBeLessThan(60_000);
    // The Activity Log itself: begun, accepted (a long-running operation), succeeded.
    const events = await activityLog(operator, {
      $filter: `${range()} and correlationId eq '${change.correlationId}'`,
    });
    expect(events.status).toBe(200);
    const statuses = (events.body.value as { status: { value: string } }[])
      .map((e) => e.status.value)
      .reverse();
    expect(statuses).toEqual(["Started", "Accepted", "Succeeded"]);
  });

  it("a reader sees the operator's change too", async () => {
    const answer = await changes(reader);
    expect(answer.status).toBe(200);
    expect(answer.body.changes).toContainEqual(change);
  });

  it("a failed operation shows Failed with ARM's error; a refused write names the reader", async () => {
    await fault(endpoints, {
      match: { method: "PATCH", path: "/replications/eastus\\?" },
      lro: "Failed",
      code: "ReplicationUnavailable",
      message: "The replica could not be updated.",
    });
    expect((await turn("eastus", true)).status).toBe(502);
    expect((await turn("uksouth", true, reader)).status).toBe(403);
    const list = (await changes(operator)).body.changes as RegistryChange[];
    const failed = list.find(
      (c) => c.target.kind === "replica" && c.target.name === "eastus" && c.result === "Failed",
    );
    expect(failed).toMatchObject({
      caller: OPERATOR,
      error: { code: "ReplicationUnavailable", message: "The replica could not be updated." },
    });
    const refused = list.find((c) => c.target.kind === "replica" && c.target.name === "uksouth");
    expect(refused).toMatchObject({
      caller: "teamlead@contoso.example",
      result: "Failed",
      subStatus: "Forbidden",
      error: { code: "AuthorizationFailed" },
    });
    // Newest first.
    expect(list.map((c) => c.at)).toEqual([...list.map((c) => c.at)].sort().reverse());
  });

  it("reads every page of the log (one ARM read per page) and keeps only this registry", async () => {
    await callPatch(patchRegistry, {
      token: operator,
      params,
      body: { regionalEndpoints: "Enabled" },
    });
    await callPatch(patchRegistry, {
      token: operator,
      params,
      body: { regionalEndpoints: "Disabled" },
    });
    // Another registry's change in another resource group stays out.
    const other = await registryParams(endpoints, operator, "fabrikamstaging");
    await callPatch(patchRegistry, {
      token: operator,
      params: other,
      body: { regionalEndpoints: "Enabled" },
    });
    const all = await activityLog(operator, {
      $filter: `${range()} and resourceGroupName eq '${params.resourceGroup}'`,
    });
    expect(all.body.value).toHaveLength(5);
    expect(all.body.nextLink).toMatch(/\$skipToken=5/);

    await control(endpoints, "requests", undefined, "DELETE");
    const answer = await changes(operator);
    const reads = (await armRequests(endpoints)).filter((r) =>
      r.path.toLowerCase().includes("/eventtypes/management/values"),
    );
    expect(reads.length).toBeGreaterThan(1);
    const list = answer.body.changes as RegistryChange[];
    const registryChanges = list.filter((c) => c.target.kind === "registry");
    expect(registryChanges.map((c) => c.result)).toEqual(["Succeeded", "Succeeded"]);
    expect(list.every((c) => c.resourceId.startsWith(registryId))).toBe(true);
    expect(list).toHaveLength(5);
    expect(answer.body.truncated).toBe(false);
  });

  it.each([
    [{ days: "0" }, "days"],
    [{ days: "91" }, "days"],
    [{ days: "seven" }, "days"],
    [{ since: "2020-01-01" }, "since"],
  ])("refuses %j", async (query, field) => {
    const answer = await changes(operator, query);
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe("InvalidInput");
    expect(answer.body.error.message).toContain(field === "since" ? "Unrecognized" : field);
  });

  it("passes on ARM's refusal with its code and request id", async () => {
    // Support reads the production subscription only; fabrikamstaging is in another one.
    const support = await tokenFor(endpoints, "support");
    const other = await registryParams(endpoints, operator, "fabrikamstaging");
    const answer = await callRoute(changesRoute, { token: support, params: other });
    expect(answer.status).toBe(403);
    expect(answer.body.error).toMatchObject({ code: "AuthorizationFailed", status: 403 });
    expect(answer.body.error.message).toContain("Microsoft.Insights/eventtypes/values/read");
    expect(answer.body.error.requestId).toEqual(expect.any(String));
  });

  it("needs a token", async () => {
    expect((await callRoute(changesRoute, { params })).status).toBe(401);
  });
});

describe("the emulated Activity Log list API", () => {
  it("answers the spec's EventData shape, newest first, paged with nextLink", async () => {
    let next: string | undefined;
    const first = await activityLog(operator, { $filter: range() });
    expect(first.status).toBe(200);
    const pages = [first.body];
    next = first.body.nextLink;
    while (next) {
      const res = await caFetch(endpoints)(next, {
        headers: { authorization: `Bearer ${operator}` },
      });
      const body = (await res.json()) as { value: unknown[]; nextLink?: string };
      pages.push(body);
      next = body.nextLink;
    }
    for (const page of pages) expect(collectionSchema.safeParse(page).error).toBeUndefined();
    if (existsSync(OFFICIAL_SPEC)) {
      const validate = officialValidator();
      for (const page of pages) expect(validate(page), JSON.stringify(validate.errors)).toBe(true);
    } else {
      console.log(
        `activity log: the official spec is not at ${OFFICIAL_SPEC}; checked against its transcription only`,
      );
    }
    const events = pages.flatMap((p) => p.value);
    expect(pages.length).toBeGreaterThan(2);
    const times = events.map((e: { eventTimestamp: string }) => e.eventTimestamp);
    expect(times).toEqual([...times].sort().reverse());
    const event = events.find((e: { status: { value: string } }) => e.status.value === "Started");
    expect(event).toMatchObject({
      caller: OPERATOR,
      eventName: { value: "BeginRequest" },
      category: { value: "Administrative" },
      level: "Informational",
      resourceProviderName: { value: "Microsoft.ContainerRegistry" },
      subscriptionId: params.subscriptionId,
      claims: {
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn": OPERATOR,
        aud: "https://management.azure.com",
      },
    });
    expect(event.id).toMatch(
      new RegExp(`^${event.resourceId}/events/${event.eventDataId}/ticks/\\d+$`),
    );
    expect(JSON.stringify(events)).not.toContain(operator);
  });

  it("filters on resourceUri, resourceGroupName and the time range", async () => {
    const replica = `${registryId}/replications/eastus`;
    const byUri = await activityLog(operator, {
      $filter: `${range()} and resourceUri eq '${replica.toUpperCase()}'`,
    });
    expect(byUri.status).toBe(200);
    const all = [...byUri.body.value];
    expect(all.length).toBeGreaterThan(0);
    expect(all.every((e: { resourceId: string }) => e.resourceId === replica)).toBe(true);
    const past = await activityLog(operator, {
      $filter: `eventTimestamp ge '2020-01-01T00:00:00Z' and eventTimestamp le '2020-01-02T00:00:00Z'`,
    });
    expect(past.body).toEqual({ value: [] });
    const group = await activityLog(operator, {
      $filter: `${range()} and resourceGroupName eq 'no-such-group'`,
    });
    expect(group.body.value).toEqual([]);
  });

  it("projects $select", async () => {
    const res = await activityLog(operator, {
      $filter: range(),
      $select: "caller,status,correlationId",
    });
    expect(res.status).toBe(200);
    for (const e of res.body.value)
      expect(Object.keys(e).sort()).toEqual(["caller", "correlationId", "status"]);
    expect((await activityLog(operator, { $filter: range(), $select: "password" })).status).toBe(
      400,
    );
  });

  it.each([
    ["", "no filter"],
    [`eventTimestamp ge '2020-01-01T00:00:00Z'`, "no end"],
    [
      `${"eventTimestamp ge '2020-01-01T00:00:00Z' or eventTimestamp le '2020-01-02T00:00:00Z'"}`,
      "or",
    ],
    [`eventTimestamp ge 'yesterday' and eventTimestamp le '2020-01-02T00:00:00Z'`, "a bad time"],
    [
      `eventTimestamp ge '2020-01-01T00:00:00Z' and eventTimestamp le '2020-01-02T00:00:00Z' and caller eq 'x'`,
      "another field",
    ],
    [
      `eventTimestamp ge '2020-01-01T00:00:00Z' and eventTimestamp le '2020-01-02T00:00:00Z' and resourceGroupName eq 'a' and resourceUri eq 'b'`,
      "two resource conditions",
    ],
  ])("refuses %j (%s) with 400", async (filter) => {
    const res = await activityLog(operator, filter ? { $filter: filter } : {});
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("InvalidFilter");
  });

  it("shows a caller only the events of subscriptions it may read", async () => {
    // Support reads the production subscription only.
    const support = await tokenFor(endpoints, "support");
    const own = await activityLog(support, { $filter: range() });
    expect(own.status).toBe(200);
    expect(own.body.value.length).toBeGreaterThan(0);
    const other = await registryParams(endpoints, operator, "fabrikamstaging");
    const url = `${endpoints.armEndpoint}/subscriptions/${other.subscriptionId}/providers/Microsoft.Insights/eventtypes/management/values?api-version=2015-04-01&$filter=${encodeURIComponent(range())}`;
    const res = await caFetch(endpoints)(url, { headers: { authorization: `Bearer ${support}` } });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
      "AuthorizationFailed",
    );
  });
});
