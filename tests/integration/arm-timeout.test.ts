import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as getRegistry } from "@/app/api/subscriptions/[subscriptionId]/resourceGroups/[resourceGroup]/registries/[registryName]/route";
import { PATCH as patchReplica } from "@/app/api/subscriptions/[subscriptionId]/resourceGroups/[resourceGroup]/registries/[registryName]/replications/[replicationName]/route";
import { control } from "../support/emulator-client";
import { callRoute, pointConsoleAtEmulator, registryParams, tokenFor } from "./console-api-support";
import { callPatch, fault } from "./switches-support";

/*
 * An ARM that does not answer holds the user's request only as long as ARM_TIMEOUT_MS, then the
 * user gets 504 ArmTimeout saying what happened. The emulator holds answers with a `delayMs`
 * fault far longer than the configured timeout.
 */

const endpoints = pointConsoleAtEmulator();
let operator: string;
let params: Awaited<ReturnType<typeof registryParams>>;

beforeAll(async () => {
  await control(endpoints, "reset");
  operator = await tokenFor(endpoints, "operator");
  params = await registryParams(endpoints, operator, "fabrikamstaging");
});
afterEach(async () => {
  vi.stubEnv("ARM_TIMEOUT_MS", "");
  await control(endpoints, "faults", undefined, "DELETE");
});

describe("ARM calls time out", () => {
  it("a registry read ARM holds beyond ARM_TIMEOUT_MS is 504 ArmTimeout", async () => {
    vi.stubEnv("ARM_TIMEOUT_MS", "1000");
    await fault(endpoints, {
      match: { method: "GET", path: `/registries/${params.registryName}\\?` },
      delayMs: 8_000,
    });
    const answer = await callRoute(getRegistry, { token: operator, params });
    expect(answer.status).toBe(504);
    expect(answer.body.error.code).toBe("ArmTimeout");
    expect(answer.body.error.message).toMatch(/did not answer within 1 s/);
  });

  it("a change whose status poll ARM holds ends with 504 and the replica as ARM has it", async () => {
    vi.stubEnv("ARM_TIMEOUT_MS", "1000");
    await fault(endpoints, {
      match: { method: "GET", path: `/replications/eastus/operationStatuses/` },
      delayMs: 8_000,
    });
    const answer = await callPatch(patchReplica, {
      token: operator,
      params: { ...params, replicationName: "eastus" },
      body: { globalEndpointRouting: false },
      query: { location: "westus2" },
    });
    expect(answer.status).toBe(504);
    expect(answer.body.error.code).toBe("ArmTimeout");
    // The write may have happened: the answer carries a fresh read of the replica.
    expect(answer.body.error.details.current).toMatchObject({ region: "eastus" });
  });

  it("an answer within the timeout is served as usual", async () => {
    vi.stubEnv("ARM_TIMEOUT_MS", "5000");
    await fault(endpoints, {
      match: { method: "GET", path: `/registries/${params.registryName}\\?` },
      delayMs: 200,
    });
    const answer = await callRoute(getRegistry, { token: operator, params });
    expect(answer.status).toBe(200);
  });
});
