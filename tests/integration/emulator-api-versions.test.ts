import { readFileSync } from "node:fs";
import type { AccessToken, TokenCredential } from "@azure/core-auth";
import { ContainerRegistryManagementClient } from "@azure/arm-containerregistry";
import { createContainerRegistryManagement } from "@azure/arm-containerregistry/api";
import type { ValidateFunction } from "ajv/dist/2019";
import { beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { API_VERSION_TABLE } from "../../emulator/arm/api-version-table";
import { REGISTRY_API_VERSIONS, versionsServing } from "../../emulator/arm/api-versions";
import { automationToken, caFetch, control } from "../support/emulator-client";
import { SPEC_MISSING, SPEC_PRESENT, specValidators } from "../support/spec-validator";

/*
 * Clients pinned to any published Microsoft.ContainerRegistry api-version: each answers, with the
 * properties that version's swagger defines (api-version-table.ts) and no other. Bodies validate
 * against the spec in ../shared/specs (2026-01-01-preview, whose objects are a superset of every
 * older version's), so their shape holds at every version too.
 */

const endpoints = inject("emulator");
const ca = readFileSync(endpoints.caFile, "utf8");
const fetch = caFetch(endpoints);
const PROD = "6b1f3e2a-4c5d-4e8f-9a0b-1c2d3e4f5a60";
const REGISTRY = `/subscriptions/${PROD}/resourceGroups/rg-registry-prod/providers/Microsoft.ContainerRegistry/registries/contosoprod`;
const SPEC_VERSION = "2026-01-01-preview";

const credential: TokenCredential = {
  async getToken(): Promise<AccessToken> {
    return { token: await automationToken(endpoints), expiresOnTimestamp: Date.now() + 600_000 };
  },
};
const clientOptions = {
  endpoint: endpoints.armEndpoint,
  credentials: { scopes: ["https://management.azure.com/.default"] },
  tlsOptions: { ca },
};

// Without the spec, the bodies are still held to each version's property table (the shape).
let validators: Record<string, ValidateFunction> | undefined;
if (!SPEC_PRESENT)
  console.warn(`emulator-api-versions: not validated against the spec, ${SPEC_MISSING}`);
let token: string;

beforeAll(async () => {
  if (SPEC_PRESENT) validators = specValidators(["Registry", "ReplicationListResult"]);
  token = await automationToken(endpoints);
});

beforeEach(async () => {
  await control(endpoints, "reset");
});

function expectValid(definition: string, body: unknown) {
  if (!validators) return;
  const validate = validators[definition]!;
  expect(validate(body) ? [] : validate.errors).toEqual([]);
}

interface ArmBody {
  value: { properties: Record<string, unknown> }[];
  properties: Record<string, unknown>;
  error: { code: string; message: string };
}

async function get(path: string, apiVersion: string) {
  const res = await fetch(`${endpoints.armEndpoint}${path}?api-version=${apiVersion}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: res.status, body: (await res.json()) as ArmBody };
}

describe.each(REGISTRY_API_VERSIONS)("a client pinned to %s", (version) => {
  const row = API_VERSION_TABLE[version]!;

  it("reads a registry with exactly that version's properties, through the SDK's context", async () => {
    const ctx = createContainerRegistryManagement(credential, PROD, {
      ...clientOptions,
      apiVersion: version,
    });
    const res = await ctx.pathUnchecked(REGISTRY).get();
    expect(res.status).toBe("200");
    const registry = res.body as { properties: Record<string, unknown> };
    const names = Object.keys(registry.properties);
    for (const name of names) expect(row.registry).toContain(name);
    expect(names).toContain("loginServer");
    // The regional endpoint properties exist at the versions that define them, and only there.
    expect(names.includes("regionalEndpoints")).toBe(row.registry.includes("regionalEndpoints"));
    expect(names.includes("regionalEndpointHostNames")).toBe(
      row.registry.includes("regionalEndpointHostNames"),
    );
    expect(names.includes("dataEndpointEnabled")).toBe(
      row.registry.includes("dataEndpointEnabled"),
    );
    const policies = registry.properties.policies as Record<string, unknown> | undefined;
    if (row.policies)
      for (const name of Object.keys(policies!)) expect(row.policies).toContain(name);
    else expect(policies).toBeUndefined();
    expectValid("Registry", registry);
  });
});

describe.each(versionsServing("registries/replications"))("replications at %s", (version) => {
  const row = API_VERSION_TABLE[version]!;

  it("lists them with that version's properties", async () => {
    const { status, body } = await get(`${REGISTRY}/replications`, version);
    expect(status).toBe(200);
    expect(body.value.length).toBeGreaterThan(0);
    for (const replication of body.value) {
      for (const name of Object.keys(replication.properties))
        expect(row.replication).toContain(name);
      expect(Object.hasOwn(replication.properties, "regionEndpointEnabled")).toBe(
        row.replication!.includes("regionEndpointEnabled"),
      );
    }
    expectValid("ReplicationListResult", body);
  });
});

it.each(
  REGISTRY_API_VERSIONS.filter((v) => !versionsServing("registries/replications").includes(v)),
)("%s has no replications, as ARM answers for that version", async (version) => {
  const { status, body } = await get(`${REGISTRY}/replications`, version);
  expect(status).toBe(400);
  expect(body.error.code).toBe("NoRegisteredProviderFound");
  expect(body.error.message).toContain("'registries/replications'");
});

describe("older clients", () => {
  it("the typed SDK client pinned to 2019-05-01 gets and patches a registry", async () => {
    const client = new ContainerRegistryManagementClient(credential, PROD, {
      ...clientOptions,
      apiVersion: "2019-05-01",
    });
    const registry = await client.registries.get("rg-registry-prod", "contosoprod");
    expect(registry.loginServer).toBe("contosoprod.azurecr.io");
    expect(registry.policies?.trustPolicy?.status).toBe("disabled");
    const updated = await client.registries.beginUpdateAndWait("rg-registry-prod", "contosoprod", {
      tags: { pinned: "2019-05-01" },
    });
    expect(updated.tags).toEqual({ pinned: "2019-05-01" });
  });

  it("a PATCH naming a member that version lacks leaves it alone", async () => {
    const path = `/subscriptions/${PROD}/resourceGroups/rg-web-prod/providers/Microsoft.ContainerRegistry/registries/contosoweb`;
    const res = await fetch(`${endpoints.armEndpoint}${path}?api-version=2021-09-01`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ properties: { regionalEndpoints: "Enabled" } }),
    });
    expect(res.status).toBeLessThan(300);
    const after = await get(path, SPEC_VERSION);
    expect(after.body.properties.regionalEndpoints).toBe("Disabled");
  });

  it.each(["2014-04-01", "2016-06-01", "2019-11-01", "2020-01-01", "2022-12-01", "2025-04-01"])(
    "GET /subscriptions answers at Microsoft.Resources %s",
    async (version) => {
      const res = await fetch(`${endpoints.armEndpoint}/subscriptions?api-version=${version}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { value: { subscriptionId: string }[] };
      expect(body.value.map((s) => s.subscriptionId)).toContain(PROD);
    },
  );

  it("GET /subscriptions refuses a version Microsoft.Resources never published", async () => {
    const res = await fetch(`${endpoints.armEndpoint}/subscriptions?api-version=2099-01-01`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("InvalidApiVersionParameter");
    expect(body.error.message).toContain("2016-06-01");
  });
});
