// @vitest-environment jsdom
import { act, cleanup, renderHook, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { registryApiUrl } from "@/lib/arm-id";
import { registryKeys } from "@/lib/queries/inventory";
import { useRegionalEndpointsMutation } from "@/lib/queries/regional-endpoints";
import { useRegistry } from "@/lib/queries/registry";
import type { Registry } from "@/lib/types";
import { registry } from "../fixtures";
import { apiErrorAnswer as armError, deferred, json, queryHarness, stubApi } from "./harness";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const before = registry({ regionalEndpoints: "Disabled" });
const ref = before;
const url = registryApiUrl(ref);

/** The mutation and the registry page's own read of the registry, as the switch uses them. */
function renderSwitch() {
  const api = stubApi();
  const { queryClient, wrapper } = queryHarness();
  api.answer("GET", url, json(200, before));
  const hook = renderHook(
    () => ({ change: useRegionalEndpointsMutation(ref), registry: useRegistry(ref) }),
    { wrapper },
  );
  return { api, queryClient, hook };
}

const cached = (qc: ReturnType<typeof queryHarness>["queryClient"]) =>
  qc.getQueryData<Registry>(registryKeys.detail(ref));

describe("useRegionalEndpointsMutation", () => {
  it("moves at once (Updating), and settles on ARM's answer", async () => {
    const { api, queryClient, hook } = renderSwitch();
    await waitFor(() => expect(hook.result.current.registry.isSuccess).toBe(true));
    const readAt = queryClient.getQueryState(registryKeys.detail(ref))?.dataUpdatedAt;
    const out = deferred();
    api.answer("PATCH", url, () => out.response);

    act(() => hook.result.current.change.mutate("Enabled"));
    await waitFor(() =>
      expect(cached(queryClient)).toMatchObject({
        regionalEndpoints: "Enabled",
        provisioningState: "Updating",
      }),
    );
    // An optimistic value is not a read: the page's "refreshed" time stays ARM's.
    expect(queryClient.getQueryState(registryKeys.detail(ref))?.dataUpdatedAt).toBe(readAt);
    expect(api.seen.at(-1)).toEqual({
      method: "PATCH",
      path: url,
      body: { regionalEndpoints: "Enabled" },
    });

    const fromArm = registry({
      regionalEndpoints: "Enabled",
      regionalEndpointHostNames: ["contosoprod.westeurope.geo.azurecr.io"],
    });
    out.release(json(200, fromArm));
    await waitFor(() => expect(hook.result.current.change.isSuccess).toBe(true));
    expect(cached(queryClient)).toEqual(fromArm);
  });

  it("marks the inventory stale once the change settles", async () => {
    const { api, queryClient, hook } = renderSwitch();
    queryClient.setQueryData(registryKeys.inventory(), { registries: [before], failures: [] });
    api.answer("PATCH", url, json(200, registry({ regionalEndpoints: "Enabled" })));
    act(() => hook.result.current.change.mutate("Enabled"));
    await waitFor(() => expect(hook.result.current.change.isSuccess).toBe(true));
    await waitFor(() =>
      expect(queryClient.getQueryState(registryKeys.inventory())?.isInvalidated).toBe(true),
    );
  });

  it("a refused change (403) rolls back to the state before it, from a fresh read", async () => {
    const { api, queryClient, hook } = renderSwitch();
    await waitFor(() => expect(hook.result.current.registry.isSuccess).toBe(true));
    api.answer("PATCH", url, armError(403, "AuthorizationFailed"));
    api.answer("GET", url, json(200, before));

    act(() => hook.result.current.change.mutate("Enabled"));
    await waitFor(() => expect(hook.result.current.change.isError).toBe(true));
    expect(hook.result.current.change.error).toMatchObject({
      status: 403,
      code: "AuthorizationFailed",
    });
    expect(cached(queryClient)).toEqual(before);
    // Without a re-read from the route, the hook reads the registry again itself.
    await waitFor(() => expect(api.seen.filter((r) => r.method === "GET")).toHaveLength(2));
  });

  it("an operation that ended Failed settles on the route's fresh read, not the snapshot", async () => {
    const { api, queryClient, hook } = renderSwitch();
    await waitFor(() => expect(hook.result.current.registry.isSuccess).toBe(true));
    const current = registry({ regionalEndpoints: "Enabled", provisioningState: "Failed" });
    api.answer(
      "PATCH",
      url,
      armError(502, "InternalServerError", { operationStatus: "Failed", current }),
    );

    act(() => hook.result.current.change.mutate("Enabled"));
    await waitFor(() => expect(hook.result.current.change.isError).toBe(true));
    expect(cached(queryClient)).toEqual(current);
    // The route read it: no second read from the browser.
    expect(api.seen.filter((r) => r.method === "GET")).toHaveLength(1);
  });

  it("a dropped connection leaves the state to a fresh read (the change may have happened)", async () => {
    const { api, queryClient, hook } = renderSwitch();
    await waitFor(() => expect(hook.result.current.registry.isSuccess).toBe(true));
    api.answer("PATCH", url, () => Promise.reject(new TypeError("Failed to fetch")));
    const after = registry({ regionalEndpoints: "Enabled" });
    api.answer("GET", url, json(200, after));

    act(() => hook.result.current.change.mutate("Enabled"));
    await waitFor(() => expect(hook.result.current.change.isError).toBe(true));
    expect(hook.result.current.change.error).toMatchObject({ status: 0, code: "NetworkError" });
    await waitFor(() => expect(cached(queryClient)).toEqual(after));
  });
});
