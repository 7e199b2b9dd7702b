import { beforeAll, describe, expect, it } from "vitest";
import { GET as getReplicas } from "@/app/api/subscriptions/[subscriptionId]/resourceGroups/[resourceGroup]/registries/[registryName]/replications/route";
import { GET as getRegistry } from "@/app/api/subscriptions/[subscriptionId]/resourceGroups/[resourceGroup]/registries/[registryName]/route";
import type { Registry, Replica } from "@/lib/types";
import { control } from "../support/emulator-client";
import {
  armRequests,
  callRoute,
  registryParams,
  tokenFor,
  pointConsoleAtEmulator,
} from "./console-api-support";

const endpoints = pointConsoleAtEmulator();

let token: string;

beforeAll(async () => {
  await control(endpoints, "reset");
  token = await tokenFor(endpoints, "operator");
});

/** The ARM requests a registry page's two calls cause: the registry, then its replicas. */
async function loadRegistryPage(name: string) {
  const params = await registryParams(endpoints, token, name);
  const before = (await armRequests(endpoints)).length;
  const registry = (await callRoute(getRegistry, { token, params })).body as Registry;
  const replicas = (
    await callRoute(getReplicas, { token, params, query: { location: registry.location } })
  ).body.replicas as Replica[];
  const requests = (await armRequests(endpoints)).slice(before);
  return { registry, replicas, requests };
}

describe("ARM reads per registry page", () => {
  it("costs two reads: one registry GET and one replication list", async () => {
    // fabrikamstaging's replicas fit on one ARM page.
    const { registry, replicas, requests } = await loadRegistryPage("fabrikamstaging");
    expect(registry.name).toBe("fabrikamstaging");
    expect(replicas.length).toBeGreaterThan(0);
    expect(requests.map((r) => `${r.method} ${r.path.split("?")[0]}`)).toEqual([
      `GET ${registry.id}`,
      `GET ${registry.id}/replications`,
    ]);
    expect(requests.every((r) => r.status === 200)).toBe(true);
  });

  it("adds only one read per further page of a long replication list", async () => {
    const { registry, replicas, requests } = await loadRegistryPage("contosoprod");
    const registryReads = requests.filter((r) => r.path.split("?")[0] === registry.id);
    const replicaPages = requests.filter(
      (r) => r.path.split("?")[0] === `${registry.id}/replications`,
    );
    expect(registryReads).toHaveLength(1);
    expect(replicaPages.length).toBeGreaterThan(1); // paged: proves nextLink was followed
    expect(new Set(replicaPages.map((r) => r.path)).size).toBe(replicaPages.length); // no page read twice
    expect(requests).toHaveLength(registryReads.length + replicaPages.length);
    expect(replicas.length).toBeGreaterThan(replicaPages.length);
  });
});
