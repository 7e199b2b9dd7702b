import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createArmClients } from "@/lib/azure/client";
import { readFleet } from "@/lib/azure/fleet/reading";
import { control } from "../support/emulator-client";
import { startEmulator, type RunningEmulator } from "../support/emulator-process";
import { userToken } from "../support/user-token";
import { armDirect } from "./console-api-support";
import { graphQuery, GRAPH_PATH } from "./fleet-support";

/*
 * The console's fleet reading at scale: the large emulated fleet (1,000 registries, about 10,000
 * replicas) read through the real Resource Graph SDK across 11 pages, under a quota too small for
 * them in one window.
 */

let emulator: RunningEmulator;
const PROD = "6b1f3e2a-4c5d-4e8f-9a0b-1c2d3e4f5a60";

beforeAll(async () => {
  emulator = await startEmulator({
    EMULATOR_FLEET: "large",
    EMULATOR_PAGE_SIZE: "1000",
    // Four queries per 1.5 s: the 11 pages of the fleet cannot be read in one window.
    EMULATOR_GRAPH_QUOTA: "4",
    EMULATOR_GRAPH_WINDOW_MS: "1500",
  });
  vi.stubEnv("AZURE_TENANT_ID", "");
  vi.stubEnv("AZURE_CLIENT_ID", "");
  vi.stubEnv("EMULATOR_ENDPOINTS_FILE", join(emulator.stateDir, "endpoints.json"));
}, 120_000);
afterAll(async () => {
  vi.unstubAllEnvs();
  await emulator?.stop();
});

async function callerOf(persona: string) {
  const user = emulator.endpoints.users.find((u) => u.persona === persona)!;
  const token = await userToken(emulator.endpoints, user.username);
  return { token, expiresOnTimestamp: Date.now() + 3_600_000 };
}

describe("reading the large fleet", () => {
  it("pages through every registry and replica, waiting for the quota instead of failing", async () => {
    const caller = await callerOf("teamlead");
    await control(emulator.endpoints, "requests/clear", {});
    const reading = await readFleet(createArmClients(caller), caller);
    expect(reading.source).toBe("resource-graph");
    expect(reading.stats.graph?.pages).toBeGreaterThanOrEqual(11);
    expect(reading.stats.graph?.waitedMs).toBeGreaterThan(0);

    // Every page after a 429 came only once the window had reset.
    const graph = (
      await control<{ path: string; status: number; at: string }[]>(
        emulator.endpoints,
        "requests?plane=arm",
      )
    ).filter((e) => e.path.startsWith(GRAPH_PATH));
    graph.forEach((e, i) => {
      const next = graph[i + 1];
      if (e.status === 429 && next)
        expect(Date.parse(next.at) - Date.parse(e.at)).toBeGreaterThanOrEqual(200);
    });
    expect(graph.filter((e) => e.status === 200).length).toBe(reading.stats.graph?.pages);

    // The same totals Resource Graph reports for each type, and ARM's own registry lists.
    const count = async (type: string) =>
      (
        await graphQuery(emulator.endpoints, caller.token, {
          query: `resources | where type =~ '${type}' | project id`,
          options: { $top: 1 },
        })
      ).body.totalRecords as number;
    await new Promise((r) => setTimeout(r, 1600));
    const replicas = await count("microsoft.containerregistry/registries/replications");
    expect(reading.registries).toHaveLength(1000);
    expect(reading.registries.reduce((n, r) => n + r.replicas.length, 0)).toBe(replicas);
    expect(replicas).toBeGreaterThan(9000);
    const armIds: string[] = [];
    for (const s of reading.subscriptions) {
      const list = await armDirect<{ id: string }>(
        emulator.endpoints,
        caller.token,
        `/subscriptions/${s.subscriptionId}/providers/Microsoft.ContainerRegistry/registries?api-version=2025-11-01`,
      );
      armIds.push(...list.map((r) => r.id.toLowerCase()));
    }
    expect(reading.registries.map((r) => r.id.toLowerCase()).sort()).toEqual(armIds.sort());
  });

  it("gives a reader of one subscription only that subscription's registries", async () => {
    await new Promise((r) => setTimeout(r, 1600));
    const caller = await callerOf("support");
    const reading = await readFleet(createArmClients(caller), caller);
    expect(reading.subscriptions.map((s) => s.subscriptionId)).toEqual([PROD]);
    expect(reading.registries.length).toBeGreaterThan(8);
    expect(new Set(reading.registries.map((r) => r.subscriptionId))).toEqual(new Set([PROD]));
  });
});
