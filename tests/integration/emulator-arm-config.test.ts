import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../support/emulator-process";
import { automationToken, caFetch } from "../support/emulator-client";
import { userToken } from "../support/user-token";

/*
 * The emulator's own settings, on an emulator of this file's own: a small read bucket, operations
 * that need polls, a page size of 3, then a restart on the same state dir in synchronous mode.
 */

const PROD = "6b1f3e2a-4c5d-4e8f-9a0b-1c2d3e4f5a60";
const REGISTRY = `/subscriptions/${PROD}/resourceGroups/rg-registry-prod/providers/Microsoft.ContainerRegistry/registries/contosoprod`;
const GA = "api-version=2025-11-01";

const stateDir = mkdtempSync(join(tmpdir(), "acr-emulator-config-"));
let emulator: RunningEmulator;

function armFetch(token: string, path: string, init: { method?: string; body?: unknown } = {}) {
  const url = path.startsWith("https:") ? path : `${emulator.endpoints.armEndpoint}${path}`;
  return caFetch(emulator.endpoints)(url, {
    method: init.method ?? "GET",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

function tokenOf(persona: string) {
  const user = emulator.endpoints.users.find((u) => u.persona === persona)!;
  return userToken(emulator.endpoints, user.username, user.password);
}

beforeAll(async () => {
  emulator = await startEmulator({
    EMULATOR_DIR: stateDir,
    EMULATOR_READS_CAPACITY: "5",
    EMULATOR_READS_REFILL: "1",
    EMULATOR_LRO_POLLS: "2",
    EMULATOR_PAGE_SIZE: "3",
  });
});

afterAll(async () => {
  await emulator?.stop();
  rmSync(stateDir, { recursive: true, force: true });
});

describe("settings", () => {
  it("throttles reads per caller with a token bucket and says when to retry", async () => {
    const token = await automationToken(emulator.endpoints);
    const remaining: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await armFetch(token, `${REGISTRY}?${GA}`);
      expect(res.status).toBe(200);
      remaining.push(res.headers.get("x-ms-ratelimit-remaining-subscription-global-reads") ?? "");
    }
    // The bucket refills while the reads run, so the count may not drop by exactly one each time.
    expect(Number(remaining[0])).toBeGreaterThan(Number(remaining[4]));
    let throttled = await armFetch(token, `${REGISTRY}?${GA}`);
    while (throttled.status === 200) throttled = await armFetch(token, `${REGISTRY}?${GA}`);
    expect(throttled.status).toBe(429);
    const body = (await throttled.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("SubscriptionRequestsThrottled");
    const retryAfter = Number(throttled.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    await new Promise((r) => setTimeout(r, retryAfter * 1000));
    expect((await armFetch(token, `${REGISTRY}?${GA}`)).status).toBe(200);
  });

  it("pages lists by the configured page size", async () => {
    // Each caller has its own bucket: the reader's reads leave the operator's untouched.
    const token = await tokenOf("teamlead");
    const res = await armFetch(token, `${REGISTRY}/replications?${GA}`);
    const page = (await res.json()) as { value: unknown[]; nextLink: string };
    expect(page.value).toHaveLength(3);
    expect(page.nextLink).toBe(
      `${emulator.endpoints.armEndpoint}${REGISTRY}/replications?${GA}&$skipToken=3`,
    );
  });

  it("keeps an operation InProgress for the configured number of polls", async () => {
    const token = await tokenOf("operator");
    const patch = await armFetch(token, `${REGISTRY}/replications/brazilsouth?${GA}`, {
      method: "PATCH",
      body: { properties: { regionEndpointEnabled: false } },
    });
    expect(patch.status).toBe(201);
    const statusUrl = patch.headers.get("azure-asyncoperation")!;
    expect(statusUrl).toMatch(/\/replications\/brazilsouth\/operationStatuses\/replications-/);
    const poll = async () =>
      ((await (await armFetch(token, statusUrl)).json()) as { status: string }).status;
    expect(await poll()).toBe("InProgress");
    const during = await armFetch(token, `${REGISTRY}/replications/brazilsouth?${GA}`);
    const duringBody = (await during.json()) as { properties: Record<string, unknown> };
    expect(duringBody.properties.provisioningState).toBe("Updating");
    expect(await poll()).toBe("InProgress");
    expect(await poll()).toBe("Succeeded");
    const after = await armFetch(token, `${REGISTRY}/replications/brazilsouth?${GA}`);
    const afterBody = (await after.json()) as { properties: Record<string, unknown> };
    expect(afterBody.properties).toMatchObject({
      provisioningState: "Succeeded",
      regionEndpointEnabled: false,
    });
  });
});

describe("a restart on the same state dir", () => {
  it("keeps the CA and the state, and answers synchronously in sync mode", async () => {
    const caBefore = readFileSync(join(stateDir, "ca.pem"), "utf8");
    // An operation still running when the emulator stops has finished by the next start.
    const operator = await tokenOf("operator");
    const unpolled = await armFetch(operator, `${REGISTRY}/replications/uksouth?${GA}`, {
      method: "PATCH",
      body: { properties: { regionEndpointEnabled: false } },
    });
    expect(unpolled.status).toBe(201);
    await emulator.stop();
    emulator = await startEmulator({ EMULATOR_DIR: stateDir, EMULATOR_LRO_MODE: "sync" });
    expect(readFileSync(emulator.endpoints.caFile, "utf8")).toBe(caBefore);

    const token = await automationToken(emulator.endpoints);
    const replica = await armFetch(token, `${REGISTRY}/replications/brazilsouth?${GA}`);
    const kept = (await replica.json()) as { properties: { regionEndpointEnabled: boolean } };
    expect(kept.properties.regionEndpointEnabled).toBe(false);
    const interrupted = await armFetch(token, `${REGISTRY}/replications/uksouth?${GA}`);
    expect(((await interrupted.json()) as { properties: unknown }).properties).toMatchObject({
      provisioningState: "Succeeded",
      regionEndpointEnabled: false,
    });

    const patch = await armFetch(token, `${REGISTRY}/replications/brazilsouth?${GA}`, {
      method: "PATCH",
      body: { properties: { regionEndpointEnabled: true } },
    });
    expect(patch.status).toBe(200);
    expect(patch.headers.get("azure-asyncoperation")).toBeNull();
    const body = (await patch.json()) as { properties: Record<string, unknown> };
    expect(body.properties).toMatchObject({
      provisioningState: "Succeeded",
      regionEndpointEnabled: true,
    });
  });
});
