import { beforeAll, describe, expect, it } from "vitest";
import { PATCH as patchReplica } from "@/app/api/subscriptions/[subscriptionId]/resourceGroups/[resourceGroup]/registries/[registryName]/replications/[replicationName]/route";
import { GET as getPermissions } from "@/app/api/subscriptions/[subscriptionId]/resourceGroups/[resourceGroup]/registries/[registryName]/permissions/route";
import { PATCH as patchRegistry } from "@/app/api/subscriptions/[subscriptionId]/resourceGroups/[resourceGroup]/registries/[registryName]/route";
import { control } from "../support/emulator-client";
import {
  armRequests,
  callRoute,
  pointConsoleAtEmulator,
  registryParams,
  tokenFor,
  type Persona,
} from "./console-api-support";
import { callPatch } from "./switches-support";

/** The switch routes accept exactly the body they need and nothing else; and the permissions route. */

const endpoints = pointConsoleAtEmulator();

let operator: string;
let params: Awaited<ReturnType<typeof registryParams>>;

beforeAll(async () => {
  await control(endpoints, "reset");
  operator = await tokenFor(endpoints, "operator");
  params = await registryParams(endpoints, operator, "fabrikamstaging");
});

type Case = [
  string,
  { body?: unknown; rawBody?: string; contentType?: string | null; query?: Record<string, string> },
];

const registryBodies: Case[] = [
  ["a boolean instead of the enum", { body: { regionalEndpoints: true } }],
  ["lower case", { body: { regionalEndpoints: "enabled" } }],
  ["an extra member", { body: { regionalEndpoints: "Enabled", dataEndpointEnabled: true } }],
  ["ARM's own shape", { body: { properties: { regionalEndpoints: "Enabled" } } }],
  ["the other switch's body", { body: { globalEndpointRouting: true } }],
  ["an empty object", { body: {} }],
  ["an array", { body: [{ regionalEndpoints: "Enabled" }] }],
  ["no body", { rawBody: "" }],
  ["malformed JSON", { rawBody: "{regionalEndpoints:" }],
  [
    "another content type",
    { rawBody: "regionalEndpoints=Enabled", contentType: "application/x-www-form-urlencoded" },
  ],
  [
    "a query parameter",
    { body: { regionalEndpoints: "Enabled" }, query: { "api-version": "2025-11-01" } },
  ],
];

const replicaBodies: Case[] = [
  ["a string instead of a boolean", { body: { globalEndpointRouting: "false" } }],
  ["ARM's property name", { body: { regionEndpointEnabled: false } }],
  ["an extra member", { body: { globalEndpointRouting: false, tags: {} } }],
  ["null", { body: null }],
  ["no content type", { body: { globalEndpointRouting: false }, contentType: null }],
  ["an unknown query parameter", { body: { globalEndpointRouting: false }, query: { force: "1" } }],
];

describe("switch routes reject anything but their exact body with 400, before calling ARM", () => {
  it.each(registryBodies)("regional endpoints: %s", async (_name, input) => {
    await control(endpoints, "requests", undefined, "DELETE");
    const result = await callPatch(patchRegistry, { token: operator, params, ...input });
    expect(result.status).toBe(400);
    expect(result.body.error.code).toBe("InvalidInput");
    expect(result.body.error.message).not.toBe("");
    expect(await armRequests(endpoints)).toEqual([]);
  });

  it.each(replicaBodies)("global endpoint routing: %s", async (_name, input) => {
    await control(endpoints, "requests", undefined, "DELETE");
    const result = await callPatch(patchReplica, {
      token: operator,
      params: { ...params, replicationName: "eastus" },
      ...input,
    });
    expect(result.status).toBe(400);
    expect(result.body.error.code).toBe("InvalidInput");
    expect(await armRequests(endpoints)).toEqual([]);
  });

  it.each([
    ["a replication name with a dot", { replicationName: "east.us" }],
    ["a replication name too short", { replicationName: "us" }],
    ["a bad subscription", { subscriptionId: "not-a-guid", replicationName: "eastus" }],
  ])("the path: %s", async (_name, override) => {
    const result = await callPatch(patchReplica, {
      token: operator,
      params: { ...params, ...override },
      body: { globalEndpointRouting: false },
    });
    expect(result.status).toBe(400);
    expect(result.body.error.code).toBe("InvalidInput");
  });

  it("names the wrong field", async () => {
    const result = await callPatch(patchRegistry, {
      token: operator,
      params,
      body: { regionalEndpoints: "On" },
    });
    expect(result.body.error.details).toEqual([
      expect.objectContaining({
        field: "regionalEndpoints",
        message: 'must be "Enabled" or "Disabled"',
      }),
    ]);
  });

  it("checks the token before the body: 401 without one", async () => {
    const result = await callPatch(patchRegistry, { params, rawBody: "nonsense" });
    expect(result.status).toBe(401);
  });
});

describe("permissions route", () => {
  it.each<[Persona, boolean]>([
    ["operator", true],
    ["teamlead", false],
  ])("%s may write: %s, from one ARM read", async (persona, canWrite) => {
    const token = await tokenFor(endpoints, persona);
    await control(endpoints, "requests", undefined, "DELETE");
    const result = await callRoute(getPermissions, { token, params });
    expect(result.status).toBe(200);
    expect(result.body).toEqual({
      canWriteRegistry: canWrite,
      canWriteReplications: canWrite,
      actions: {
        regionalEndpoints: "Microsoft.ContainerRegistry/registries/write",
        globalEndpointRouting: "Microsoft.ContainerRegistry/registries/replications/write",
      },
    });
    const calls = await armRequests(endpoints);
    expect(calls.map((c) => c.path.split("?")[0])).toEqual([
      expect.stringMatching(
        /\/registries\/fabrikamstaging\/providers\/Microsoft\.Authorization\/permissions$/,
      ),
    ]);
  });
});
