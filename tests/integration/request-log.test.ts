import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { GET as getRegistry } from "@/app/api/subscriptions/[subscriptionId]/resourceGroups/[resourceGroup]/registries/[registryName]/route";
import { PATCH as patchReplica } from "@/app/api/subscriptions/[subscriptionId]/resourceGroups/[resourceGroup]/registries/[registryName]/replications/[replicationName]/route";
import { sharedProbeHub } from "@/lib/probe/server";
import { control } from "../support/emulator-client";
import { captureLog, type LogLine } from "../support/log-capture";
import {
  pointConsoleAtEmulator,
  registryParams,
  tamperSignature,
  tokenFor,
} from "./console-api-support";
import { openStream, registryIdOf } from "./probe-stream-support";
import { callPatch } from "./switches-support";

/*
 * The console's own log: one JSON line per API request (method, route, status, duration, the
 * caller's object id, how many ARM calls it made and ARM's request ids), and one per switch
 * change (who, what, result, ARM's ids). Tokens never appear in it.
 */

const endpoints = pointConsoleAtEmulator();
const REGISTRY_ROUTE =
  "/api/subscriptions/[subscriptionId]/resourceGroups/[resourceGroup]/registries/[registryName]";

let operator: string;
let teamlead: string;
let params: Awaited<ReturnType<typeof registryParams>>;
let log: ReturnType<typeof captureLog> | undefined;

/** The claims of a JWT (the caller's object id is what the log must name). */
function claims(token: string): { oid: string; preferred_username?: string; upn?: string } {
  return JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString("utf8"));
}

/** GET of the registry route at its real path, as Next.js would call it. */
async function getRegistryAt(token: string) {
  const path = `/api/subscriptions/${params.subscriptionId}/resourceGroups/${params.resourceGroup}/registries/${params.registryName}`;
  const response = await getRegistry(
    new Request(`http://console.test${path}`, { headers: { authorization: `Bearer ${token}` } }),
    { params: Promise.resolve(params) },
  );
  return response.status;
}

function requestLines(): LogLine[] {
  return log!.lines().filter((l) => l.event === "api-request");
}

beforeAll(async () => {
  await control(endpoints, "reset");
  operator = await tokenFor(endpoints, "operator");
  teamlead = await tokenFor(endpoints, "teamlead");
  params = await registryParams(endpoints, operator, "fabrikamstaging");
});
afterEach(() => {
  log?.stop();
  log = undefined;
});

describe("one log line per API request", () => {
  it("names method, route, status, duration, caller, ARM calls and ARM's request ids", async () => {
    log = captureLog();
    expect(await getRegistryAt(operator)).toBe(200);
    const [line, ...more] = requestLines();
    expect(more).toEqual([]);
    expect(line).toMatchObject({
      level: "info",
      service: "acr-geo-console",
      method: "GET",
      route: REGISTRY_ROUTE,
      status: 200,
      callerId: claims(operator).oid,
      armCalls: 1,
    });
    expect(typeof line!.durationMs).toBe("number");
    expect(typeof line!.time).toBe("string");
    expect(line!.armRequestIds).toHaveLength(1);
    expect(line!.armRequestIds[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(log.text()).not.toContain(operator);
    expect(log.text()).not.toContain(operator.split(".")[2]!);
  });

  it("logs a refused token with no caller and without the token", async () => {
    const bad = tamperSignature(operator);
    log = captureLog();
    expect(await getRegistryAt(bad)).toBe(401);
    expect(requestLines()).toEqual([
      expect.objectContaining({
        route: REGISTRY_ROUTE,
        status: 401,
        callerId: null,
        armCalls: 0,
        errorCode: "InvalidToken",
      }),
    ]);
    expect(log.text()).not.toContain(bad.split(".")[2]!);
  });

  it("logs a probe stream request under its route", async () => {
    log = captureLog();
    const stream = await openStream({
      token: operator,
      query: { registryId: await registryIdOf(endpoints, "fabrikamstaging") },
    });
    expect(stream.status).toBe(200);
    stream.abort();
    sharedProbeHub().close();
    expect(requestLines()).toContainEqual(
      expect.objectContaining({
        route: "/api/probes/stream",
        status: 200,
        callerId: claims(operator).oid,
      }),
    );
    expect(log.text()).not.toContain(operator);
  });
});

describe("one audit line per switch change", () => {
  const replication = () => ({ ...params, replicationName: "eastus" });
  const replicationId = () =>
    `/subscriptions/${params.subscriptionId}/resourceGroups/${params.resourceGroup}/providers/Microsoft.ContainerRegistry/registries/${params.registryName}/replications/eastus`;

  it("records who changed what, the result and ARM's request and correlation ids", async () => {
    log = captureLog();
    const answer = await callPatch(patchReplica, {
      token: operator,
      params: replication(),
      body: { globalEndpointRouting: false },
      query: { location: "westus2" },
    });
    expect(answer.status).toBe(200);
    const changes = log.lines().filter((l) => l.event === "switch-change");
    expect(changes).toEqual([
      expect.objectContaining({
        level: "info",
        who: {
          objectId: claims(operator).oid,
          // Entra's v1 ARM tokens name the user in `upn`, v2 tokens in `preferred_username`.
          username: claims(operator).preferred_username ?? claims(operator).upn,
          tenantId: endpoints.tenantId,
        },
        what: { setting: "globalEndpointRouting", resourceId: replicationId(), value: false },
        result: "succeeded",
      }),
    ]);
    // The write, its status poll(s) and the final read, each with ARM's request id.
    expect(changes[0]!.armCalls).toBeGreaterThanOrEqual(2);
    expect(changes[0]!.armRequestIds).toHaveLength(changes[0]!.armCalls);
    expect(changes[0]!.armCorrelationIds.length).toBeGreaterThan(0);
    expect(log.text()).not.toContain(operator);
  });

  it("records a refused change with ARM's code and request id", async () => {
    log = captureLog();
    const answer = await callPatch(patchReplica, {
      token: teamlead,
      params: replication(),
      body: { globalEndpointRouting: true },
      query: { location: "westus2" },
    });
    expect(answer.status).toBe(403);
    const changes = log.lines().filter((l) => l.event === "switch-change");
    expect(changes).toEqual([
      expect.objectContaining({
        level: "warn",
        who: expect.objectContaining({ objectId: claims(teamlead).oid }),
        what: { setting: "globalEndpointRouting", resourceId: replicationId(), value: true },
        result: "failed",
        error: {
          status: 403,
          code: answer.body.error.code,
          requestId: answer.body.error.requestId,
        },
      }),
    ]);
  });
});
