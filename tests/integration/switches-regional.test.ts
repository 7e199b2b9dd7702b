import { beforeAll, describe, expect, it } from "vitest";
import {
  GET as getRoute,
  PATCH,
} from "@/app/api/subscriptions/[subscriptionId]/resourceGroups/[resourceGroup]/registries/[registryName]/route";
import type { Registry } from "@/lib/types";
import { control } from "../support/emulator-client";
import { callRoute, pointConsoleAtEmulator, registryParams, tokenFor } from "./console-api-support";
import {
  armCallsOf,
  armResource,
  callPatch,
  expectRegistryMatchesArm,
  fault,
  type ArmRegistryJson,
} from "./switches-support";

/**
 * The regional endpoints switch end to end: the console's PATCH route, the real SDK and core-lro
 * against the emulated ARM, with faults injected through the emulator's control API.
 */

const endpoints = pointConsoleAtEmulator();
/** Premium, regional endpoints off, replicas in westus2 and eastus. */
const NAME = "fabrikamstaging";
const PATCH_PATH = `/registries/${NAME}\\?`;

let operator: string;
let params: Awaited<ReturnType<typeof registryParams>>;
let id: string;

beforeAll(async () => {
  await control(endpoints, "reset");
  operator = await tokenFor(endpoints, "operator");
  params = await registryParams(endpoints, operator, NAME);
  id = `/subscriptions/${params.subscriptionId}/resourceGroups/${params.resourceGroup}/providers/Microsoft.ContainerRegistry/registries/${NAME}`;
});

const arm = () => armResource<ArmRegistryJson>(endpoints, operator, id);
const turn = (value: "Enabled" | "Disabled", token = operator) =>
  callPatch(PATCH, { token, params, body: { regionalEndpoints: value } });

describe("regional endpoints switch", () => {
  it("turns on: one PATCH, its poll, one GET; answers the host names ARM lists", async () => {
    const { result, calls } = await armCallsOf(endpoints, () => turn("Enabled"));
    expect(result.status).toBe(200);
    const registry = result.body as Registry;
    expect(calls).toEqual([
      `PATCH ${id}`,
      expect.stringMatching(`^GET ${id}/operationStatuses/`),
      `GET ${id}`,
    ]);

    const now = await arm();
    expect(now.properties.regionalEndpoints).toBe("Enabled");
    expect(now.properties.regionalEndpointHostNames).toHaveLength(2); // one per replica
    expectRegistryMatchesArm(registry, now);
    expect(registry.provisioningState).toBe("Succeeded");
    // What the page's next read (the GET route) shows is the same.
    const reread = await callRoute(getRoute, { token: operator, params });
    expect(reread.body).toEqual(registry);
  });

  it("turns off: the regional host names disappear", async () => {
    const { result, calls } = await armCallsOf(endpoints, () => turn("Disabled"));
    expect(result.status).toBe(200);
    expect(calls).toHaveLength(3);
    expect(result.body.regionalEndpoints).toBe("Disabled");
    expect(result.body.regionalEndpointHostNames).toEqual([]);
    expectRegistryMatchesArm(result.body, await arm());
  });

  it.each([
    ["location", [`PATCH`, `GET operationResults`, `GET registry`]],
    ["sync", [`PATCH`, `GET registry`]],
  ])("follows ARM's %s answer shape with one read of the registry", async (lroMode, expected) => {
    await fault(endpoints, { match: { method: "PATCH", path: PATCH_PATH }, lroMode });
    const { result, calls } = await armCallsOf(endpoints, () => turn("Enabled"));
    expect(result.status).toBe(200);
    expect(
      calls.map((c) =>
        c.startsWith("PATCH")
          ? "PATCH"
          : c.includes("/operationResults/")
            ? "GET operationResults"
            : c === `GET ${id}`
              ? "GET registry"
              : c,
      ),
    ).toEqual(expected);
    expectRegistryMatchesArm(result.body, await arm());
    await turn("Disabled");
  });
});

describe("regional endpoints switch: failures leave ARM and the answer equal", () => {
  it("429 once: the SDK waits Retry-After and the change goes through", async () => {
    await fault(endpoints, {
      match: { method: "PATCH", path: PATCH_PATH },
      status: 429,
      retryAfter: 1,
      count: 1,
    });
    const { result, log } = await armCallsOf(endpoints, () => turn("Enabled"));
    expect(result.status).toBe(200);
    expect(log.filter((r) => r.method === "PATCH").map((r) => r.status)).toEqual([429, 201]);
    expect(result.body.regionalEndpoints).toBe("Enabled");
    expectRegistryMatchesArm(result.body, await arm());
  });

  it("429 beyond the SDK's retries: ARM's code and when to retry; nothing changed", async () => {
    const before = await arm();
    await fault(endpoints, {
      match: { method: "PATCH", path: PATCH_PATH },
      status: 429,
      retryAfter: 1,
      count: 4,
    });
    const result = await turn("Disabled");
    expect(result.status).toBe(429);
    expect(result.body.error).toMatchObject({ code: "TooManyRequests", status: 429 });
    expect(result.body.error.requestId).toEqual(expect.any(String));
    expect(result.body.error.details.retryAfterSeconds).toBe(1);
    expect(result.headers.get("retry-after")).toBe("1");
    expect(await arm()).toEqual(before);
  });

  it("500 until the retries are exhausted: re-reads and answers ARM's state", async () => {
    await fault(endpoints, { match: { method: "PATCH", path: PATCH_PATH }, status: 500, count: 4 });
    const { result, log } = await armCallsOf(endpoints, () => turn("Disabled"));
    expect(result.status).toBe(500);
    expect(result.body.error).toMatchObject({ code: "InternalServerError", status: 500 });
    expect(result.body.error.requestId).toEqual(expect.any(String));
    expect(log.filter((r) => r.method === "PATCH")).toHaveLength(4); // first try + 3 retries
    const now = await arm();
    expect(now.properties.regionalEndpoints).toBe("Enabled"); // unchanged
    expectRegistryMatchesArm(result.body.error.details.current, now);
  });

  it("operation ends Failed: ARM's operation error, the change undone, state re-read", async () => {
    await fault(endpoints, {
      match: { method: "PATCH", path: PATCH_PATH },
      lro: "Failed",
      code: "RegistryUpdateFailed",
      message: "The regional endpoints could not be provisioned.",
    });
    const { result, calls } = await armCallsOf(endpoints, () => turn("Disabled"));
    expect(result.status).toBe(502);
    expect(result.body.error).toMatchObject({
      code: "RegistryUpdateFailed",
      message: "The regional endpoints could not be provisioned.",
    });
    expect(result.body.error.requestId).toEqual(expect.any(String));
    expect(result.body.error.details.operationStatus).toBe("Failed");
    expect(calls).toEqual([
      `PATCH ${id}`,
      expect.stringContaining("/operationStatuses/"),
      `GET ${id}`,
    ]);
    const now = await arm();
    expect(now.properties.provisioningState).toBe("Failed");
    expect(now.properties.regionalEndpoints).toBe("Enabled");
    expectRegistryMatchesArm(result.body.error.details.current, now);
  });

  it("operation ends Canceled, Location shape: ARM's error answer, the re-read shows Canceled", async () => {
    await fault(endpoints, {
      match: { method: "PATCH", path: PATCH_PATH },
      lro: "Canceled",
      lroMode: "location",
      status: 409,
    });
    const result = await turn("Disabled");
    expect(result.status).toBe(409);
    expect(result.body.error.code).toBe("OperationCanceled");
    expect(result.body.error.details.operationStatus).toBe("Failed");
    const now = await arm();
    expect(now.properties.provisioningState).toBe("Canceled");
    expectRegistryMatchesArm(result.body.error.details.current, now);
  });

  it("a reader gets ARM's 403 with the missing action; nothing changed, nothing re-read", async () => {
    const reader = await tokenFor(endpoints, "teamlead");
    const before = await arm();
    const { result, calls } = await armCallsOf(endpoints, () => turn("Disabled", reader));
    expect(result.status).toBe(403);
    expect(result.body.error.code).toBe("AuthorizationFailed");
    expect(result.body.error.message).toContain("Microsoft.ContainerRegistry/registries/write");
    expect(result.body.error.details).toBeUndefined();
    expect(calls).toEqual([`PATCH ${id}`]);
    expect(await arm()).toEqual(before);
  });

  it("another operation running: ARM's 409, and the registry as it is now", async () => {
    // Hold the first operation open: its status poll answers late.
    await fault(endpoints, {
      match: { method: "GET", path: `/registries/${NAME}/operationStatuses/` },
      delayMs: 1500,
    });
    const first = turn("Disabled");
    await waitForLog((l) => l.some((r) => r.method === "PATCH" && r.status === 201));
    const second = await turn("Disabled");
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe("AnotherOperationInProgress");
    expect(second.body.error.details.current.provisioningState).toBe("Updating");
    const done = await first;
    expect(done.status).toBe(200);
    expectRegistryMatchesArm(done.body, await arm());
  });

  it("ARM refuses regional endpoints on Basic; the route passes its 400 through", async () => {
    const basic = await registryParams(endpoints, operator, "fabrikamdev");
    const result = await callPatch(PATCH, {
      token: operator,
      params: basic,
      body: { regionalEndpoints: "Enabled" },
    });
    expect(result.status).toBe(400);
    expect(result.body.error.code).toBe("RegionalEndpointsNotSupported");
  });
});

async function waitForLog(
  done: (log: Awaited<ReturnType<typeof control<{ method: string; status: number }[]>>>) => boolean,
) {
  for (let i = 0; i < 100; i++) {
    const log = await control<{ method: string; status: number; plane: string }[]>(
      endpoints,
      "requests?plane=arm",
    );
    if (done(log)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("the expected ARM request did not arrive");
}
