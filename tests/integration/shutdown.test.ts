import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { PATCH as patchReplica } from "@/app/api/subscriptions/[subscriptionId]/resourceGroups/[resourceGroup]/registries/[registryName]/replications/[replicationName]/route";
import { beginShutdown } from "@/lib/lifecycle/shutdown";
import { lifecycleState, resetLifecycle } from "@/lib/lifecycle/state";
import { sharedProbeHub } from "@/lib/probe/server";
import { control } from "../support/emulator-client";
import { pointConsoleAtEmulator, registryParams, tokenFor } from "./console-api-support";
import { openStream, refusal, registryIdOf } from "./probe-stream-support";
import { callPatch, fault } from "./switches-support";

/*
 * A shutdown (what SIGTERM starts) drains the server: open probe streams are told to reconnect
 * elsewhere and closed, new streams and changes are refused with 503 and Retry-After, the probe
 * loops stop, and a change already in flight is finished before the drain completes. When a
 * change outlasts the grace period the process is made to exit anyway.
 */

const endpoints = pointConsoleAtEmulator();
let operator: string;
let params: Awaited<ReturnType<typeof registryParams>>;
let registryId: string;

beforeAll(async () => {
  await control(endpoints, "reset");
  operator = await tokenFor(endpoints, "operator");
  params = await registryParams(endpoints, operator, "fabrikamstaging");
  registryId = await registryIdOf(endpoints, "fabrikamstaging");
});
afterEach(async () => {
  resetLifecycle();
  sharedProbeHub().close();
  vi.stubEnv("ARM_TIMEOUT_MS", "");
  await control(endpoints, "faults", undefined, "DELETE");
  await control(endpoints, "reset");
});

/** Starts a routing change whose operation ARM holds open for `holdMs`; resolves once it is in flight. */
async function changeInFlight(holdMs: number) {
  await fault(endpoints, {
    match: { method: "GET", path: "/replications/eastus/operationStatuses/" },
    delayMs: holdMs,
  });
  const answer = callPatch(patchReplica, {
    token: operator,
    params: { ...params, replicationName: "eastus" },
    body: { globalEndpointRouting: false },
    query: { location: "westus2" },
  });
  await vi.waitFor(() => expect(lifecycleState().changes.size).toBe(1), { timeout: 10_000 });
  // Wrapped: an async function returning the promise itself would wait for the answer.
  return { answer };
}

describe("graceful shutdown", () => {
  it("ends streams with a reconnect reason, refuses new work, stops probing and finishes changes", async () => {
    const hub = sharedProbeHub();
    const stream = await openStream({ token: operator, query: { registryId, intervalMs: "1000" } });
    await stream.sample(() => true, "a first sample");
    expect(hub.activeHosts().length).toBeGreaterThan(0);
    const change = await changeInFlight(1_500);

    const exit = vi.fn();
    const drained = beginShutdown({ graceMs: 30_000, exit });

    const end = await stream.waitFor((e) => e.event === "end", "the end event");
    expect(end.json.reason).toBe("server-shutdown");
    await stream.closed();

    const refusedStream = await refusal({ token: operator, query: { registryId } });
    expect(refusedStream).toMatchObject({ status: 503, body: { error: { code: "ShuttingDown" } } });
    const refusedChange = await callPatch(patchReplica, {
      token: operator,
      params: { ...params, replicationName: "eastus" },
      body: { globalEndpointRouting: true },
      query: { location: "westus2" },
    });
    expect(refusedChange.status).toBe(503);
    expect(refusedChange.headers.get("retry-after")).toBe("1");
    expect(hub.activeHosts()).toEqual([]);

    await drained;
    const finished = await change.answer;
    expect(finished.status).toBe(200);
    expect(finished.body.globalEndpointRouting).toBe(false);
    expect(exit).not.toHaveBeenCalled();
  });

  it("exits when a change outlasts the grace period", async () => {
    vi.stubEnv("ARM_TIMEOUT_MS", "3000");
    const change = await changeInFlight(8_000);
    const exit = vi.fn();
    await beginShutdown({ graceMs: 200, exit });
    expect(exit).toHaveBeenCalledWith(1);
    expect(lifecycleState().changes.size).toBe(1);
    // The change ends on its own (ARM's timeout) and is still answered.
    expect((await change.answer).status).toBe(504);
  });
});
