import { beforeAll, describe, expect, it } from "vitest";
import { GET as getRegistries } from "@/app/api/registries/route";
import { GET as getSubscriptions } from "@/app/api/subscriptions/route";
import { GET as getReplicas } from "@/app/api/subscriptions/[subscriptionId]/resourceGroups/[resourceGroup]/registries/[registryName]/replications/route";
import { GET as getRegistry } from "@/app/api/subscriptions/[subscriptionId]/resourceGroups/[resourceGroup]/registries/[registryName]/route";
import type { Registry, RegistryInventory, Replica, Subscription } from "@/lib/types";
import { control } from "../support/emulator-client";
import {
  armDirect,
  callRoute,
  registryParams,
  tokenFor,
  pointConsoleAtEmulator,
  type Persona,
} from "./console-api-support";

const endpoints = pointConsoleAtEmulator();

interface ArmItem {
  id: string;
  name: string;
  sku: { name: string };
  location: string;
  properties: { loginServer: string; regionEndpointEnabled?: boolean };
}

/** What ARM itself says the persona can see: subscriptions, registries, replica counts. */
async function armView(token: string) {
  const subs = await armDirect<{ subscriptionId: string }>(
    endpoints,
    token,
    "/subscriptions?api-version=2022-12-01",
  );
  const registries: ArmItem[] = [];
  for (const { subscriptionId } of subs) {
    registries.push(
      ...(await armDirect<ArmItem>(
        endpoints,
        token,
        `/subscriptions/${subscriptionId}/providers/Microsoft.ContainerRegistry/registries?api-version=2026-01-01-preview`,
      )),
    );
  }
  const replicaCounts = new Map<string, number>();
  for (const r of registries.filter((r) => r.sku.name === "Premium")) {
    const replicas = await armDirect<ArmItem>(
      endpoints,
      token,
      `${r.id}/replications?api-version=2025-11-01`,
    );
    replicaCounts.set(r.id.toLowerCase(), replicas.length);
  }
  return { subscriptionIds: subs.map((s) => s.subscriptionId), registries, replicaCounts };
}

beforeAll(async () => {
  await control(endpoints, "reset");
});

describe.each<Persona>(["operator", "teamlead", "support"])("inventory as %s", (persona) => {
  it("lists every subscription and registry ARM shows this user, with replica counts", async () => {
    const token = await tokenFor(endpoints, persona);
    const expected = await armView(token);

    const subs = await callRoute(getSubscriptions, { token });
    expect(subs.status).toBe(200);
    const subscriptions = subs.body.subscriptions as Subscription[];
    expect(subscriptions.map((s) => s.subscriptionId).sort()).toEqual(
      [...expected.subscriptionIds].sort(),
    );
    expect(subscriptions.every((s) => s.displayName && s.state)).toBe(true);

    const inv = await callRoute(getRegistries, { token });
    expect(inv.status).toBe(200);
    const inventory = inv.body as RegistryInventory;
    expect(inventory.failures).toEqual([]);
    expect(inventory.registries.map((r) => r.id.toLowerCase()).sort()).toEqual(
      expected.registries.map((r) => r.id.toLowerCase()).sort(),
    );
    for (const registry of inventory.registries) {
      const arm = expected.registries.find((r) => r.id.toLowerCase() === registry.id.toLowerCase());
      expect(registry.loginServer).toBe(arm?.properties.loginServer);
      expect(registry.sku).toBe(arm?.sku.name);
      expect(registry.replicaCount).toBe(expected.replicaCounts.get(registry.id.toLowerCase()));
      if (registry.sku !== "Premium") expect(registry.regionalEndpoints).toBe("NotAvailable");
    }
  });
});

describe("what each persona sees", () => {
  it("gives the support user only its one subscription, and the others all of them", async () => {
    const count = async (persona: Persona) =>
      (
        (await callRoute(getSubscriptions, { token: await tokenFor(endpoints, persona) })).body
          .subscriptions as Subscription[]
      ).length;
    expect(await count("support")).toBe(1);
    expect(await count("operator")).toBeGreaterThan(1);
    expect(await count("teamlead")).toBe(await count("operator"));
  });

  it("follows paged lists to the end (the emulator pages every few items)", async () => {
    const token = await tokenFor(endpoints, "operator");
    const inventory = (await callRoute(getRegistries, { token })).body as RegistryInventory;
    const bySubscription = new Map<string, number>();
    for (const r of inventory.registries)
      bySubscription.set(r.subscriptionId, (bySubscription.get(r.subscriptionId) ?? 0) + 1);
    // More registries in one subscription than fit on one ARM page proves nextLink was followed.
    expect(Math.max(...bySubscription.values())).toBeGreaterThan(2);
    const prod = inventory.registries.find((r) => r.name === "contosoprod");
    expect(prod?.replicaCount).toBeGreaterThan(2);
  });
});

describe("one registry", () => {
  it("returns the registry as ARM has it, for the operator and the reader alike", async () => {
    for (const persona of ["operator", "teamlead"] as const) {
      const token = await tokenFor(endpoints, persona);
      const params = await registryParams(endpoints, token, "contosoweb");
      const res = await callRoute(getRegistry, { token, params });
      expect(res.status).toBe(200);
      const registry = res.body as Registry;
      expect(registry).toMatchObject({
        name: "contosoweb",
        subscriptionId: params.subscriptionId,
        resourceGroup: params.resourceGroup,
        sku: "Premium",
        location: "westeurope",
        regionalEndpoints: "Disabled",
      });
      // Read from ARM (a domain-name-label hash), not built from the name.
      expect(registry.loginServer).toMatch(/^contosoweb-[a-z0-9]+\.azurecr\.io$/);
    }
  });

  it("shows the regional host names ARM lists when regional endpoints are on", async () => {
    const token = await tokenFor(endpoints, "operator");
    const params = await registryParams(endpoints, token, "contosoprod");
    const registry = (await callRoute(getRegistry, { token, params })).body as Registry;
    const replicas = (
      await callRoute(getReplicas, { token, params, query: { location: registry.location } })
    ).body.replicas as Replica[];
    expect(registry.regionalEndpoints).toBe("Enabled");
    expect(registry.regionalEndpointHostNames).toHaveLength(replicas.length);
    for (const r of replicas) {
      expect(registry.regionalEndpointHostNames.some((h) => h.split(".")[1] === r.region)).toBe(
        true,
      );
    }
  });

  it("lists replicas with home first and global endpoint routing as ARM says", async () => {
    const token = await tokenFor(endpoints, "teamlead");
    const params = await registryParams(endpoints, token, "contosoweb");
    const armReplicas = await armDirect<ArmItem>(
      endpoints,
      token,
      `/subscriptions/${params.subscriptionId}/resourceGroups/${params.resourceGroup}/providers/Microsoft.ContainerRegistry/registries/contosoweb/replications?api-version=2025-11-01`,
    );
    const withLocation = await callRoute(getReplicas, {
      token,
      params,
      query: { location: "westeurope" },
    });
    const without = await callRoute(getReplicas, { token, params });
    expect(withLocation.status).toBe(200);
    expect(without.body).toEqual(withLocation.body);
    const replicas = withLocation.body.replicas as Replica[];
    expect(replicas).toHaveLength(armReplicas.length);
    expect(replicas.filter((r) => r.isHome).map((r) => r.region)).toEqual(["westeurope"]);
    expect(replicas[0]?.isHome).toBe(true);
    for (const arm of armReplicas) {
      const replica = replicas.find((r) => r.region === arm.location);
      expect(replica?.globalEndpointRouting).toBe(arm.properties.regionEndpointEnabled !== false);
      expect(replica?.status.displayStatus).toBeTruthy();
    }
    expect(replicas.some((r) => !r.globalEndpointRouting)).toBe(true);
  });
});
