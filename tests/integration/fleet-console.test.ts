import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { GET as getFleet } from "@/app/api/fleet/route";
import { GET as getRegistries } from "@/app/api/registries/route";
import { PATCH as patchReplication } from "@/app/api/subscriptions/[subscriptionId]/resourceGroups/[resourceGroup]/registries/[registryName]/replications/[replicationName]/route";
import { stopSharedFleetSweep } from "@/lib/probe/server/sweep/shared-sweep";
import type { FleetSnapshot } from "@/lib/fleet/shared/types";
import type { InventoryLine, Registry, RegistryInventory } from "@/lib/types";
import { control } from "../support/emulator-client";
import {
  callRoute,
  registryParams,
  tokenFor,
  pointConsoleAtEmulator,
  armRequests,
} from "./console-api-support";
import { armFleet, graphQuery, GRAPH_PATH, shapeOf } from "./fleet-support";

/*
 * `GET /api/fleet` and the inventory against the emulator: the real Resource Graph SDK, its
 * paging and quota, the ARM fallback, fresh ARM answers over Resource Graph's lagging index, and
 * what each persona may see.
 */

const endpoints = pointConsoleAtEmulator();
const PROD = "6b1f3e2a-4c5d-4e8f-9a0b-1c2d3e4f5a60";

beforeAll(() => {
  // The sweep must not start probing the data plane on a minute's grid in these tests' process.
  vi.stubEnv("FLEET_SWEEP_INTERVAL_MS", "3600000");
});
afterAll(() => {
  // No probing of the shared emulator's data plane after this file: other files count requests.
  stopSharedFleetSweep();
});
beforeEach(async () => {
  await control(endpoints, "reset");
  await control(endpoints, "faults", undefined, "DELETE");
});

async function fleetAs(persona: "operator" | "teamlead" | "support") {
  const token = await tokenFor(endpoints, persona);
  const res = await callRoute(getFleet, { token });
  expect(res.status).toBe(200);
  return { token, fleet: res.body as FleetSnapshot };
}

describe("GET /api/fleet", () => {
  it.each(["operator", "support"] as const)(
    "gives %s every registry and replica ARM lists for it, from Resource Graph",
    async (persona) => {
      const { token, fleet } = await fleetAs(persona);
      const arm = await armFleet(endpoints, token);
      expect(fleet.source).toBe("resource-graph");
      expect(Date.now() - Date.parse(fleet.asOf)).toBeLessThan(60_000);
      expect(shapeOf(fleet.registries)).toEqual(shapeOf(arm.registries));
      if (persona === "support") {
        expect(new Set(fleet.registries.map((r) => r.subscriptionId))).toEqual(new Set([PROD]));
      }
      expect(fleet.totals.registries).toBe(arm.registries.length);
      expect(fleet.totals.replicas).toBe(arm.registries.reduce((n, r) => n + r.replicas.length, 0));
    },
  );

  it("shows what the seed holds that needs attention, and regional endpoints as unknown", async () => {
    const { fleet } = await fleetAs("teamlead");
    const items = fleet.attention.map((i) => `${i.reason} ${i.registryName} ${i.region ?? "-"}`);
    expect(items).toEqual(
      expect.arrayContaining([
        "excluded-from-routing contosoweb uksouth",
        "stuck-in-progress contosoml centralindia",
      ]),
    );
    // Resource Graph does not carry the preview property: unknown, never "off".
    const prod = fleet.registries.find((r) => r.name === "contosoprod")!;
    expect(prod.regionalEndpoints).toBe("Unknown");
    expect(prod.replicas.every((r) => r.regionalEndpoint === undefined)).toBe(true);
    expect(fleet.totals.byStatus).toMatchObject({ Ready: expect.any(Number), Syncing: 1 });
  });

  it("reads Resource Graph once per page and ARM only for the subscriptions", async () => {
    await control(endpoints, "requests/clear", {});
    await fleetAs("operator");
    const log = await armRequests(endpoints);
    expect(log.filter((e) => e.path.startsWith(GRAPH_PATH)).map((e) => e.status)).toEqual([200]);
    // The subscription list (two pages: the emulator pages every two items), nothing else.
    const arm = log.filter((e) => !e.path.startsWith(GRAPH_PATH)).map((e) => e.path.split("?")[0]);
    expect(arm.length).toBeGreaterThan(0);
    expect(new Set(arm)).toEqual(new Set(["/subscriptions"]));
  });

  it("prefers ARM's answer for a replica the caller just changed, while Resource Graph lags", async () => {
    const token = await tokenFor(endpoints, "operator");
    const params = await registryParams(endpoints, token, "contosoprod");
    const changed = await patchSomething(token, params);
    expect(changed.status).toBe(200);
    const { fleet } = await fleetAs("operator");
    const prod = fleet.registries.find((r) => r.name === "contosoprod")!;
    expect(prod.source).toBe("arm");
    expect(prod.replicas.find((r) => r.region === "westeurope")?.globalEndpointRouting).toBe(false);
    expect(fleet.attention.map((i) => `${i.reason} ${i.registryName} ${i.region}`)).toContain(
      "excluded-from-routing contosoprod westeurope",
    );
    // Resource Graph itself still shows the old row, then the new one after its lag.
    const routing = async () =>
      (
        await graphQuery(endpoints, token, {
          query:
            "resources | where type =~ 'microsoft.containerregistry/registries/replications' and name == 'westeurope' | project id, routing = properties.regionEndpointEnabled",
        })
      ).body.data.find((r: { id: string }) => r.id.includes("/contosoprod/"))?.routing;
    expect(await routing()).toBe(true);
    await vi.waitFor(async () => expect(await routing()).toBe(false), {
      timeout: 20_000,
      interval: 500,
    });
    // Another user, who changed nothing, sees Resource Graph's row (now caught up).
    const other = (await fleetAs("teamlead")).fleet.registries.find(
      (r) => r.name === "contosoprod",
    )!;
    expect(other.source).toBe("resource-graph");
    expect(other.replicas.find((r) => r.region === "westeurope")?.globalEndpointRouting).toBe(
      false,
    );
  });

  it("falls back to ARM's lists when Resource Graph is refused, and says so", async () => {
    await control(endpoints, "faults", {
      match: { method: "POST", path: "^/providers/Microsoft\\.ResourceGraph/" },
      status: 403,
      code: "AuthorizationFailed",
      message: "Resource Graph refused.",
      count: 10,
    });
    const { token, fleet } = await fleetAs("operator");
    expect(fleet.source).toBe("arm");
    expect(fleet.fallbackReason).toMatchObject({ status: 403, code: "AuthorizationFailed" });
    expect(shapeOf(fleet.registries)).toEqual(
      shapeOf((await armFleet(endpoints, token)).registries),
    );
    // ARM's preview api-version carries regional endpoints: known again.
    const prod = fleet.registries.find((r) => r.name === "contosoprod")!;
    expect(prod.regionalEndpoints).toBe("Enabled");
    expect(prod.replicas.every((r) => typeof r.regionalEndpoint === "string")).toBe(true);
  });

  it("waits out Resource Graph's 429 instead of passing it on", async () => {
    await control(endpoints, "faults", {
      match: { method: "POST", path: "^/providers/Microsoft\\.ResourceGraph/" },
      status: 429,
      code: "RateLimiting",
      count: 1,
    });
    const { fleet } = await fleetAs("operator");
    expect(fleet.source).toBe("resource-graph");
    const graph = (await armRequests(endpoints)).filter((e) => e.path.startsWith(GRAPH_PATH));
    expect(graph.map((e) => e.status)).toEqual([429, 200]);
  });

  it("refuses parameters it does not take", async () => {
    const token = await tokenFor(endpoints, "operator");
    const res = await callRoute(getFleet, { token, query: { subscription: PROD } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("InvalidInput");
  });
});

describe("the inventory's health columns", () => {
  it("come from the same reading: replicas Ready / total and attention counts", async () => {
    const token = await tokenFor(endpoints, "operator");
    const inventory = (await callRoute(getRegistries, { token })).body as RegistryInventory;
    expect(inventory.health?.source).toBe("resource-graph");
    const ml = inventory.registries.find((r) => r.name === "contosoml")!;
    expect(ml.health).toEqual({ readyReplicas: 2, replicas: 3, attention: 1 });
    expect(ml.replicaCount).toBe(3);
    expect(inventory.registries.find((r) => r.name === "contosobuild")?.health?.replicas).toBe(0);
  });

  it("line by line, end with what the reading adds to the rows the parts listed, not the rows again", async () => {
    const token = await tokenFor(endpoints, "operator");
    const res = await getRegistries(
      new Request("http://console.test/api/registries", {
        headers: { authorization: `Bearer ${token}`, accept: "application/x-ndjson" },
      }),
      { params: Promise.resolve({}) },
    );
    expect(res.headers.get("content-type")).toContain("application/x-ndjson");
    const lines = (await res.text())
      .split("\n")
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as InventoryLine);
    const parts = lines.filter((l) => l.type === "part");
    const end = lines.at(-1);
    expect(parts.length).toBeGreaterThan(1);
    expect(lines.slice(0, -1)).toEqual(parts);
    if (end?.type !== "end") throw new Error(`the last line is ${end?.type}`);
    const listed = parts.flatMap((p) => p.registries);
    // Listed without health; the end has one reading per listed registry, in their order.
    expect(listed.every((r) => r.health === undefined)).toBe(true);
    expect(end.registries).toHaveLength(listed.length);
    expect(end.registries.every((r) => !("name" in r) && !("id" in r))).toBe(true);
    const merged = listed.map((r, i) => ({ ...r, ...end.registries[i] }));
    const ml = merged.find((r) => r.name === "contosoml");
    expect(ml?.health).toEqual({ readyReplicas: 2, replicas: 3, attention: 1 });
    expect(ml?.replicaCount).toBe(3);
    // The same inventory as the whole answer.
    const whole = (await callRoute(getRegistries, { token })).body as RegistryInventory;
    expect(end.health?.source).toBe(whole.health?.source);
    expect(end.failures).toEqual(whole.failures);
    const byId = (list: Registry[]) => new Map(list.map((r) => [r.id.toLowerCase(), r]));
    expect(byId(merged)).toEqual(byId(whole.registries));
  });

  it("come from ARM's replication lists when Resource Graph is refused", async () => {
    await control(endpoints, "faults", {
      match: { method: "POST", path: "^/providers/Microsoft\\.ResourceGraph/" },
      status: 503,
      count: 10,
    });
    const token = await tokenFor(endpoints, "operator");
    const inventory = (await callRoute(getRegistries, { token })).body as RegistryInventory;
    expect(inventory.health?.source).toBe("arm");
    expect(inventory.failures).toEqual([]);
    expect(inventory.registries.find((r) => r.name === "contosoweb")?.health).toMatchObject({
      replicas: 3,
    });
  });
});

async function patchSomething(token: string, params: Record<string, string>) {
  return callPatch(
    token,
    { ...params, replicationName: "westeurope" },
    { globalEndpointRouting: false },
  );
}

async function callPatch(token: string, params: Record<string, string>, body: unknown) {
  const url = new URL("http://console.test/api");
  const res = await patchReplication(
    new Request(url, {
      method: "PATCH",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
    { params: Promise.resolve(params) },
  );
  return { status: res.status, body: (await res.json()) as unknown };
}
