import { beforeAll, describe, expect, it } from "vitest";
import { PATCH } from "@/app/api/subscriptions/[subscriptionId]/resourceGroups/[resourceGroup]/registries/[registryName]/replications/[replicationName]/route";
import { GET as listRoute } from "@/app/api/subscriptions/[subscriptionId]/resourceGroups/[resourceGroup]/registries/[registryName]/replications/route";
import type { Replica } from "@/lib/types";
import { control } from "../support/emulator-client";
import { callRoute, pointConsoleAtEmulator, registryParams, tokenFor } from "./console-api-support";
import {
  armCallsOf,
  armResource,
  callPatch,
  expectReplicaMatchesArm,
  fault,
  type ArmReplicationJson,
} from "./switches-support";

/**
 * Global endpoint routing of one replica end to end: the console's PATCH route, the typed SDK's
 * `replications.update` and its poller against the emulated ARM, with injected faults.
 */

const endpoints = pointConsoleAtEmulator();
/** Premium, home westeurope, replicas westeurope, eastus, uksouth (uksouth excluded in the seed). */
const NAME = "contosoweb";
const HOME = "westeurope";

let operator: string;
let params: Awaited<ReturnType<typeof registryParams>>;
let registryId: string;

beforeAll(async () => {
  await control(endpoints, "reset");
  operator = await tokenFor(endpoints, "operator");
  params = await registryParams(endpoints, operator, NAME);
  registryId = `/subscriptions/${params.subscriptionId}/resourceGroups/${params.resourceGroup}/providers/Microsoft.ContainerRegistry/registries/${NAME}`;
});

const idOf = (region: string) => `${registryId}/replications/${region}`;
const arm = (region: string) => armResource<ArmReplicationJson>(endpoints, operator, idOf(region));
const patchPath = (region: string) => `/replications/${region}\\?`;
const turn = (
  region: string,
  on: boolean,
  token = operator,
  query: Record<string, string> = { location: HOME },
) =>
  callPatch(PATCH, {
    token,
    params: { ...params, replicationName: region },
    body: { globalEndpointRouting: on },
    query,
  });

describe("global endpoint routing switch", () => {
  it("turns off for one replica: one PATCH, its poll, one GET of that replica", async () => {
    const { result, calls } = await armCallsOf(endpoints, () => turn("eastus", false));
    expect(result.status).toBe(200);
    expect(calls).toEqual([
      `PATCH ${idOf("eastus")}`,
      expect.stringMatching(`^GET ${idOf("eastus")}/operationStatuses/`),
      `GET ${idOf("eastus")}`,
    ]);
    const replica = result.body as Replica;
    expect(replica).toMatchObject({
      region: "eastus",
      isHome: false,
      globalEndpointRouting: false,
    });
    expectReplicaMatchesArm(replica, await arm("eastus"));
    // The other replicas are untouched, and the list route shows the same replica.
    expect((await arm(HOME)).properties.regionEndpointEnabled).not.toBe(false);
    const list = await callRoute(listRoute, { token: operator, params, query: { location: HOME } });
    expect(list.body.replicas.find((r: Replica) => r.region === "eastus")).toEqual(replica);
  });

  it("turns it back on", async () => {
    const result = await turn("eastus", true);
    expect(result.status).toBe(200);
    expect(result.body.globalEndpointRouting).toBe(true);
    expectReplicaMatchesArm(result.body, await arm("eastus"));
  });

  it("marks the home replica; without ?location it reads the registry first", async () => {
    const { result, calls } = await armCallsOf(endpoints, () => turn(HOME, true, operator, {}));
    expect(result.body).toMatchObject({ region: HOME, isHome: true, globalEndpointRouting: true });
    expect(calls[0]).toBe(`GET ${registryId}`);
    expect(calls).toHaveLength(4);
  });

  it.each([
    ["location", ["PATCH", "GET operationResults", "GET replica"]],
    ["sync", ["PATCH", "GET replica"]],
  ])("follows ARM's %s answer shape with one read of the replica", async (lroMode, expected) => {
    await fault(endpoints, { match: { method: "PATCH", path: patchPath("uksouth") }, lroMode });
    const { result, calls } = await armCallsOf(endpoints, () => turn("uksouth", true));
    expect(result.status).toBe(200);
    expect(
      calls.map((c) =>
        c.startsWith("PATCH")
          ? "PATCH"
          : c.includes("/operationResults/")
            ? "GET operationResults"
            : c === `GET ${idOf("uksouth")}`
              ? "GET replica"
              : c,
      ),
    ).toEqual(expected);
    expectReplicaMatchesArm(result.body, await arm("uksouth"));
    await turn("uksouth", false);
  });

  it("two replicas change at once", async () => {
    const [a, b] = await Promise.all([turn("eastus", false), turn("uksouth", true)]);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expectReplicaMatchesArm(a.body, await arm("eastus"));
    expectReplicaMatchesArm(b.body, await arm("uksouth"));
    await Promise.all([turn("eastus", true), turn("uksouth", false)]);
  });
});

describe("global endpoint routing switch: failures leave ARM and the answer equal", () => {
  it("429 once: the SDK waits Retry-After and the change goes through", async () => {
    await fault(endpoints, {
      match: { method: "PATCH", path: patchPath("eastus") },
      status: 429,
      retryAfter: 1,
    });
    const { result, log } = await armCallsOf(endpoints, () => turn("eastus", false));
    expect(result.status).toBe(200);
    expect(log.filter((r) => r.method === "PATCH").map((r) => r.status)).toEqual([429, 201]);
    expectReplicaMatchesArm(result.body, await arm("eastus"));
    expect(result.body.globalEndpointRouting).toBe(false);
  });

  it("500 until the retries are exhausted: re-reads and answers ARM's state", async () => {
    await fault(endpoints, {
      match: { method: "PATCH", path: patchPath("eastus") },
      status: 500,
      count: 4,
    });
    const result = await turn("eastus", true);
    expect(result.status).toBe(500);
    expect(result.body.error).toMatchObject({ code: "InternalServerError", status: 500 });
    expect(result.body.error.requestId).toEqual(expect.any(String));
    const now = await arm("eastus");
    expect(now.properties.regionEndpointEnabled).toBe(false); // unchanged
    expectReplicaMatchesArm(result.body.error.details.current, now);
  });

  it.each(["Failed", "Canceled"])(
    "operation ends %s: ARM's operation error, the change undone, state re-read",
    async (lro) => {
      await fault(endpoints, { match: { method: "PATCH", path: patchPath("eastus") }, lro });
      const { result, calls } = await armCallsOf(endpoints, () => turn("eastus", true));
      expect(result.status).toBe(502);
      expect(result.body.error.code).toBe(
        lro === "Failed" ? "InternalServerError" : "OperationCanceled",
      );
      expect(result.body.error.requestId).toEqual(expect.any(String));
      expect(result.body.error.details.operationStatus).toBe(lro);
      // No read by the poller after a failed operation: exactly one re-read.
      expect(calls).toEqual([
        `PATCH ${idOf("eastus")}`,
        expect.stringContaining("/operationStatuses/"),
        `GET ${idOf("eastus")}`,
      ]);
      const now = await arm("eastus");
      expect(now.properties.provisioningState).toBe(lro);
      expect(now.properties.regionEndpointEnabled).toBe(false);
      expectReplicaMatchesArm(result.body.error.details.current, now);
    },
  );

  it("a reader gets ARM's 403 naming replications/write; nothing changed", async () => {
    const reader = await tokenFor(endpoints, "teamlead");
    const before = await arm("eastus");
    const { result, calls } = await armCallsOf(endpoints, () => turn("eastus", true, reader));
    expect(result.status).toBe(403);
    expect(result.body.error.code).toBe("AuthorizationFailed");
    expect(result.body.error.message).toContain(
      "Microsoft.ContainerRegistry/registries/replications/write",
    );
    expect(calls).toEqual([`PATCH ${idOf("eastus")}`]);
    expect(await arm("eastus")).toEqual(before);
  });

  it("a replica ARM does not have: ARM's 404", async () => {
    const result = await turn("koreacentral", false);
    expect(result.status).toBe(404);
    expect(result.body.error.code).toBe("ResourceNotFound");
  });
});
