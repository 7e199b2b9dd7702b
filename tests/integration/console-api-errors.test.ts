import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as getRegistries } from "@/app/api/registries/route";
import { GET as getReplicas } from "@/app/api/subscriptions/[subscriptionId]/resourceGroups/[resourceGroup]/registries/[registryName]/replications/route";
import { GET as getRegistry } from "@/app/api/subscriptions/[subscriptionId]/resourceGroups/[resourceGroup]/registries/[registryName]/route";
import type { RegistryInventory } from "@/lib/types";
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
let prod: Record<string, string>;
let staging: Record<string, string>;

beforeAll(async () => {
  token = await tokenFor(endpoints, "operator");
  prod = await registryParams(endpoints, token, "contosoprod");
  staging = await registryParams(endpoints, token, "fabrikamstaging");
});

beforeEach(async () => {
  await control(endpoints, "reset");
});

describe("malformed input", () => {
  const bad: [string, Record<string, string>, RegExp][] = [
    [
      "subscriptionId",
      { subscriptionId: "not-a-guid" },
      /subscriptionId must be a subscription GUID/,
    ],
    ["subscriptionId", { subscriptionId: "6b1f3e2a-4c5d-4e8f-9a0b-1c2d3e4f5a6" }, /subscriptionId/],
    ["resourceGroup", { resourceGroup: "rg." }, /resourceGroup must not end with '\.'/],
    ["resourceGroup", { resourceGroup: "r".repeat(91) }, /resourceGroup must be at most 90/],
    ["resourceGroup", { resourceGroup: "rg/../../x" }, /resourceGroup may contain only/],
    ["resourceGroup", { resourceGroup: "rg?api-version=1" }, /resourceGroup may contain only/],
    ["registryName", { registryName: "abc" }, /registryName must be 5 to 50/],
    ["registryName", { registryName: "contoso-prod" }, /registryName must be 5 to 50/],
    ["registryName", { registryName: "a".repeat(51) }, /registryName must be 5 to 50/],
    ["registryName", { registryName: "contosoprod%2F.." }, /registryName/],
  ];

  it.each(bad)(
    "answers 400 naming %s for %j, without calling ARM",
    async (field, override, message) => {
      for (const GET of [getRegistry, getReplicas]) {
        const before = (await armRequests(endpoints)).length;
        const res = await callRoute(GET, { token, params: { ...prod, ...override } });
        expect(res.status).toBe(400);
        expect(res.body.error).toMatchObject({ code: "InvalidInput", status: 400 });
        expect(res.body.error.message).toMatch(message);
        expect(res.body.error.details).toEqual(
          expect.arrayContaining([expect.objectContaining({ field })]),
        );
        expect((await armRequests(endpoints)).length).toBe(before);
      }
    },
  );

  it("answers 400 for a malformed location on the replica list", async () => {
    const res = await callRoute(getReplicas, {
      token,
      params: prod,
      query: { location: "West Europe" },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^location must be an Azure region/);
  });
});

describe("what ARM does not have", () => {
  it("passes ARM's 404 through for a registry that does not exist", async () => {
    for (const GET of [getRegistry, getReplicas]) {
      const res = await callRoute(GET, {
        token,
        params: { ...prod, registryName: "nosuchregistry1" },
      });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toMatch(/NotFound/);
      expect(res.body.error.message).toMatch(/nosuchregistry1/);
      expect(res.body.error.requestId).toBeTruthy();
    }
  });

  it("passes ARM's 404 through for a resource group that does not exist", async () => {
    const res = await callRoute(getRegistry, {
      token,
      params: { ...prod, resourceGroup: "rg-missing" },
    });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toMatch(/NotFound/);
  });

  it("passes ARM's answer through when the support user reads outside its subscription", async () => {
    const support = await tokenFor(endpoints, "support");
    const res = await callRoute(getRegistry, { token: support, params: staging });
    expect([403, 404]).toContain(res.status);
    expect(res.body.error.code).toBeTruthy();
    expect(res.body.error.requestId).toBeTruthy();
  });
});

describe("one subscription failing", () => {
  const listPath = (subscriptionId: string) =>
    `^/subscriptions/${subscriptionId}/providers/Microsoft\\.ContainerRegistry/registries`;

  it("reports a 403 for that subscription and still returns the others", async () => {
    await control(endpoints, "faults", {
      match: { method: "GET", path: listPath(staging.subscriptionId!) },
      status: 403,
      code: "AuthorizationFailed",
      message:
        "The client does not have authorization to perform action 'Microsoft.ContainerRegistry/registries/read'.",
      count: 1,
    });
    const res = await callRoute(getRegistries, { token });
    expect(res.status).toBe(200);
    const inventory = res.body as RegistryInventory;
    expect(inventory.failures).toEqual([
      {
        subscriptionId: staging.subscriptionId,
        error: expect.objectContaining({
          code: "AuthorizationFailed",
          status: 403,
          message: expect.stringMatching(/does not have authorization/),
          requestId: expect.any(String),
        }),
      },
    ]);
    expect(inventory.registries.some((r) => r.subscriptionId === staging.subscriptionId)).toBe(
      false,
    );
    expect(inventory.registries.some((r) => r.name === "contosoprod")).toBe(true);
  });

  it("retries a throttled subscription through the SDK first, then reports it", async () => {
    const attempts = 4; // the first request and the SDK's three retries
    await control(endpoints, "faults", {
      match: { method: "GET", path: listPath(staging.subscriptionId!) },
      status: 429,
      code: "TooManyRequests",
      retryAfter: 0,
      count: attempts,
    });
    const before = (await armRequests(endpoints)).length;
    const res = await callRoute(getRegistries, { token });
    const inventory = res.body as RegistryInventory;
    expect(res.status).toBe(200);
    expect(inventory.failures).toHaveLength(1);
    expect(inventory.failures[0]?.error).toMatchObject({ status: 429, code: "TooManyRequests" });
    const tried = (await armRequests(endpoints))
      .slice(before)
      .filter((e) => new RegExp(listPath(staging.subscriptionId!)).test(e.path));
    expect(tried.map((e) => e.status)).toEqual(Array(attempts).fill(429));
    expect(inventory.registries.some((r) => r.name === "contosoprod")).toBe(true);

    // Transient: the next load has no failures.
    const again = (await callRoute(getRegistries, { token })).body as RegistryInventory;
    expect(again.failures).toEqual([]);
  });

  it("recovers a single throttled answer without a failure", async () => {
    await control(endpoints, "faults", {
      match: { method: "GET", path: listPath(staging.subscriptionId!) },
      status: 429,
      retryAfter: 0,
      count: 1,
    });
    const inventory = (await callRoute(getRegistries, { token })).body as RegistryInventory;
    expect(inventory.failures).toEqual([]);
    expect(inventory.registries.some((r) => r.subscriptionId === staging.subscriptionId)).toBe(
      true,
    );
  });
});
