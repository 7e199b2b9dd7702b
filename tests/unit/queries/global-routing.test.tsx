// @vitest-environment jsdom
import { act, cleanup, renderHook, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { registryApiUrl, replicationApiUrl } from "@/lib/arm-id";
import { useGlobalRoutingMutation } from "@/lib/queries/global-routing";
import { useReplicaRouting, withPendingRouting } from "@/lib/queries/replica-routing";
import { replicaKeys, useReplicas } from "@/lib/queries/replicas";
import type { Replica } from "@/lib/types";
import { registry, replica, threeReplicas } from "../fixtures";
import { apiErrorAnswer as armError, deferred, json, queryHarness, stubApi } from "./harness";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const ref = registry();
const HOME = "westeurope";
const listUrl = `${registryApiUrl(ref)}/replications?location=${HOME}`;
const patchUrl = (name: string) => `${replicationApiUrl(ref, name)}?location=${HOME}`;
const permissions = {
  canWriteRegistry: true,
  canWriteReplications: true,
  actions: {
    regionalEndpoints: "Microsoft.ContainerRegistry/registries/write",
    globalEndpointRouting: "Microsoft.ContainerRegistry/registries/replications/write",
  },
};
const listReads = (seen: { method: string; path: string }[]) =>
  seen.filter((r) => r.method === "GET" && r.path === listUrl).length;
const shown = (replicas: Replica[]) =>
  Object.fromEntries(replicas.map((r) => [r.name, r.globalEndpointRouting ? "on" : "off"]));

/** The Replicas table's list and two rows' switches, as the registry page has them. */
function renderRows() {
  const api = stubApi();
  const { queryClient, wrapper } = queryHarness();
  api.answer("GET", listUrl, json(200, { replicas: threeReplicas }));
  api.answer("GET", `${registryApiUrl(ref)}/permissions`, json(200, permissions));
  const hook = renderHook(
    () => {
      const routing = useReplicaRouting(ref, HOME);
      return {
        list: useReplicas(ref, HOME),
        eastus: useGlobalRoutingMutation(ref, "eastus", HOME),
        southeastasia: useGlobalRoutingMutation(ref, "southeastasia", HOME),
        routing,
        pending: routing.pending,
        lastEastus: routing.lastChange("eastus"),
      };
    },
    { wrapper },
  );
  return { api, queryClient, hook };
}

const routing = (qc: ReturnType<typeof queryHarness>["queryClient"]) =>
  Object.fromEntries(
    (qc.getQueryData<Replica[]>(replicaKeys.list(ref)) ?? []).map((r) => [
      r.name,
      `${r.globalEndpointRouting ? "on" : "off"}/${r.provisioningState}`,
    ]),
  );

describe("useGlobalRoutingMutation", () => {
  it("moves only its replica at once, and settles on ARM's answer for it", async () => {
    const { api, queryClient, hook } = renderRows();
    await waitFor(() => expect(hook.result.current.list.isSuccess).toBe(true));
    const out = deferred();
    api.answer("PATCH", patchUrl("eastus"), () => out.response);

    act(() => hook.result.current.eastus.mutate({ name: "eastus", region: "eastus", on: false }));
    await waitFor(() =>
      expect(routing(queryClient)).toEqual({
        westeurope: "on/Succeeded",
        eastus: "off/Updating",
        southeastasia: "on/Succeeded",
      }),
    );
    expect(api.seen.at(-1)).toEqual({
      method: "PATCH",
      path: patchUrl("eastus"),
      body: { globalEndpointRouting: false },
    });

    out.release(json(200, replica("eastus", { globalEndpointRouting: false })));
    await waitFor(() => expect(hook.result.current.eastus.isSuccess).toBe(true));
    expect(routing(queryClient)).toEqual({
      westeurope: "on/Succeeded",
      eastus: "off/Succeeded",
      southeastasia: "on/Succeeded",
    });
  });

  it("two changes at once: a failure rolls back only its own replica", async () => {
    const { api, queryClient, hook } = renderRows();
    await waitFor(() => expect(hook.result.current.list.isSuccess).toBe(true));
    const east = deferred();
    const asia = deferred();
    api.answer("PATCH", patchUrl("eastus"), () => east.response);
    api.answer("PATCH", patchUrl("southeastasia"), () => asia.response);
    api.answer("GET", listUrl, json(200, { replicas: threeReplicas }));

    act(() => {
      hook.result.current.eastus.mutate({ name: "eastus", region: "eastus", on: false });
      hook.result.current.southeastasia.mutate({
        name: "southeastasia",
        region: "southeastasia",
        on: false,
      });
    });
    await waitFor(() =>
      expect(routing(queryClient)).toMatchObject({
        eastus: "off/Updating",
        southeastasia: "off/Updating",
      }),
    );
    // Both are pending, whichever row asks: the guard counts both replicas as excluded.
    expect(hook.result.current.pending.map((c) => c.name).sort()).toEqual([
      "eastus",
      "southeastasia",
    ]);

    east.release(armError(403, "AuthorizationFailed"));
    await waitFor(() => expect(hook.result.current.eastus.isError).toBe(true));
    // eastus is back to what ARM holds (the failure's re-read of the list); southeastasia's
    // change is still pending whatever that read said of it.
    await waitFor(() => expect(routing(queryClient).eastus).toBe("on/Succeeded"));
    expect(hook.result.current.pending.map((c) => c.name)).toEqual(["southeastasia"]);
    // The table shows (and the guards count) the running change, not the re-read's old value.
    expect(shown(hook.result.current.routing.replicas)).toEqual({
      westeurope: "on",
      eastus: "on",
      southeastasia: "off",
    });
    expect(hook.result.current.routing.lastChange("eastus")?.status).toBe("error");

    asia.release(json(200, replica("southeastasia", { globalEndpointRouting: false })));
    await waitFor(() => expect(hook.result.current.southeastasia.isSuccess).toBe(true));
    expect(routing(queryClient)).toEqual({
      westeurope: "on/Succeeded",
      eastus: "on/Succeeded",
      southeastasia: "off/Succeeded",
    });
    expect(hook.result.current.pending).toEqual([]);
  });

  it("a pending change stays pending while a poll shows the old value", async () => {
    const { api, queryClient, hook } = renderRows();
    await waitFor(() => expect(hook.result.current.list.isSuccess).toBe(true));
    const out = deferred();
    api.answer("PATCH", patchUrl("eastus"), () => out.response);
    act(() => hook.result.current.eastus.mutate({ name: "eastus", region: "eastus", on: false }));
    await waitFor(() => expect(routing(queryClient).eastus).toBe("off/Updating"));

    api.answer("GET", listUrl, json(200, { replicas: threeReplicas }));
    await act(() => queryClient.refetchQueries({ queryKey: replicaKeys.list(ref) }));
    expect(routing(queryClient).eastus).toBe("on/Succeeded");
    expect(hook.result.current.pending).toEqual([{ name: "eastus", region: "eastus", on: false }]);
    expect(shown(hook.result.current.routing.replicas).eastus).toBe("off");
    out.release(json(200, replica("eastus", { globalEndpointRouting: false })));
    await waitFor(() => expect(hook.result.current.pending).toEqual([]));
  });

  it("an operation that ended Failed settles on the route's fresh read of the replica", async () => {
    const { api, queryClient, hook } = renderRows();
    await waitFor(() => expect(hook.result.current.list.isSuccess).toBe(true));
    const current = replica("eastus", {
      globalEndpointRouting: false,
      provisioningState: "Failed",
    });
    api.answer(
      "PATCH",
      patchUrl("eastus"),
      armError(502, "InternalServerError", { operationStatus: "Failed", current }),
    );
    act(() => hook.result.current.eastus.mutate({ name: "eastus", region: "eastus", on: false }));
    await waitFor(() => expect(hook.result.current.eastus.isError).toBe(true));
    expect(routing(queryClient).eastus).toBe("off/Failed");
    expect(listReads(api.seen)).toBe(1);
    // The row's failure stays until dismissed.
    expect(hook.result.current.lastEastus).toMatchObject({
      status: "error",
      change: { name: "eastus", on: false },
    });
    act(() => hook.result.current.routing.dismiss("eastus"));
    await waitFor(() => expect(hook.result.current.lastEastus).toBeUndefined());
  });

  it("a dropped connection re-reads the list (the change may have happened)", async () => {
    const { api, queryClient, hook } = renderRows();
    await waitFor(() => expect(hook.result.current.list.isSuccess).toBe(true));
    api.answer("PATCH", patchUrl("eastus"), () => Promise.reject(new TypeError("Failed to fetch")));
    const after = threeReplicas.map((r) =>
      r.name === "eastus" ? { ...r, globalEndpointRouting: false } : r,
    );
    api.answer("GET", listUrl, json(200, { replicas: after }));
    act(() => hook.result.current.eastus.mutate({ name: "eastus", region: "eastus", on: false }));
    await waitFor(() => expect(hook.result.current.eastus.isError).toBe(true));
    await waitFor(() => expect(routing(queryClient).eastus).toBe("off/Succeeded"));
    expect(listReads(api.seen)).toBe(2);
  });
});

describe("withPendingRouting", () => {
  const off = (name: string) => ({ name, region: name, on: false });
  const on = (name: string) => ({ name, region: name, on: true });
  it.each([
    ["no change running", [], { westeurope: "on", eastus: "on", southeastasia: "on" }],
    ["one change", [off("eastus")], { westeurope: "on", eastus: "off", southeastasia: "on" }],
    [
      "names compared in any case",
      [off("EastUS")],
      { westeurope: "on", eastus: "off", southeastasia: "on" },
    ],
    [
      "the newest change of a replica wins",
      [off("eastus"), on("eastus")],
      { westeurope: "on", eastus: "on", southeastasia: "on" },
    ],
    [
      "a change of a replica not listed",
      [off("japaneast")],
      { westeurope: "on", eastus: "on", southeastasia: "on" },
    ],
  ])("%s", (_name, pending, expected) => {
    expect(shown(withPendingRouting(threeReplicas, pending))).toEqual(expected);
  });
});
