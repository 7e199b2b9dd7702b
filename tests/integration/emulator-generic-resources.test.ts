import { readFileSync } from "node:fs";
import type { AccessToken, TokenCredential } from "@azure/core-auth";
import { ResourceManagementClient, type GenericResourceExpanded } from "@azure/arm-resources";
import { RestError } from "@azure/core-rest-pipeline";
import { beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { automationToken, caFetch, control } from "../support/emulator-client";
import { userToken } from "../support/user-token";

/*
 * ARM's generic resource list, driven by the real @azure/arm-resources SDK: how the Azure CLI and
 * other clients find a registry by name when no resource group is given.
 */

const endpoints = inject("emulator");
const ca = readFileSync(endpoints.caFile, "utf8");
const fetch = caFetch(endpoints);
const PROD = "6b1f3e2a-4c5d-4e8f-9a0b-1c2d3e4f5a60";
const STAGING = "8d2e4f6a-1b3c-4d5e-8f7a-9b0c1d2e3f41";
const REGISTRIES = "Microsoft.ContainerRegistry/registries";

function credentialOf(token: () => Promise<string>): TokenCredential {
  return {
    async getToken(): Promise<AccessToken> {
      return { token: await token(), expiresOnTimestamp: Date.now() + 600_000 };
    },
  };
}
const automation = credentialOf(() => automationToken(endpoints));

function client(subscriptionId = PROD, credential = automation) {
  return new ResourceManagementClient(credential, subscriptionId, {
    endpoint: endpoints.armEndpoint,
    credentialScopes: ["https://management.azure.com/.default"],
    tlsOptions: { ca },
  });
}

async function all(iterator: AsyncIterable<GenericResourceExpanded>) {
  const items: GenericResourceExpanded[] = [];
  for await (const item of iterator) items.push(item);
  return items;
}

async function armRequests(): Promise<string[]> {
  const res = await fetch(`${endpoints.controlUrl}/requests?plane=arm`);
  return ((await res.json()) as { path: string }[]).map((e) => e.path);
}

beforeEach(async () => {
  await control(endpoints, "reset");
});

describe("GET /subscriptions/{sub}/resources", () => {
  it("finds a registry by type and name without its resource group, as the CLI does", async () => {
    const found = await all(
      client().resources.list({
        filter: `resourceType eq '${REGISTRIES}' and name eq 'contosoprod'`,
      }),
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      id: `/subscriptions/${PROD}/resourceGroups/rg-registry-prod/providers/${REGISTRIES}/contosoprod`,
      name: "contosoprod",
      type: REGISTRIES,
      location: "eastus",
      sku: { name: "Premium", tier: "Premium" },
    });
  });

  it("lists registries and their replications, children named parent/child", async () => {
    const everything = await all(client().resources.list());
    const types = new Set(everything.map((r) => r.type));
    expect(types).toEqual(new Set([REGISTRIES, `${REGISTRIES}/replications`]));
    expect(everything.map((r) => r.name)).toEqual(
      expect.arrayContaining(["contosoprod", "contosoprod/westeurope", "contosobuild"]),
    );
    // Only this subscription's resources.
    expect(everything.every((r) => r.id!.startsWith(`/subscriptions/${PROD}/`))).toBe(true);
  });

  it("pages by $top, and the SDK follows nextLink ($skiptoken) to the end", async () => {
    await control(endpoints, "requests", undefined, "DELETE");
    const filter = `resourceType eq '${REGISTRIES}/replications' and substringof('contosoprod', name)`;
    const replicas = await all(client().resources.list({ filter, top: 3 }));
    expect(replicas).toHaveLength(7);
    expect(new Set(replicas.map((r) => r.id)).size).toBe(7);
    const lists = (await armRequests()).filter((p) => p.includes("/resources?"));
    expect(lists).toHaveLength(3);
    expect(lists.slice(1).every((p) => /[?&]\$skiptoken=\d+/.test(p))).toBe(true);
  });

  it("combines substringof and or, ignoring case as ARM does", async () => {
    const found = await all(
      client().resources.list({
        filter: `resourceType eq '${REGISTRIES.toUpperCase()}' and substringof('CONTOSO', name) or name eq 'nothing'`,
      }),
    );
    expect(found.map((r) => r.name).sort()).toEqual([
      "contosobuild",
      "contosoml",
      "contosoprod",
      "contosoweb",
    ]);
  });

  it("adds provisioningState with $expand", async () => {
    const [registry] = await all(
      client().resources.list({ filter: "name eq 'contosoml'", expand: "provisioningState" }),
    );
    expect(registry).toMatchObject({ name: "contosoml", provisioningState: "Succeeded" });
  });

  it.each([
    [
      "name eq contosoprod",
      /^Invalid \$filter 'name eq contosoprod' specified in the query string\.$/,
    ],
    ["colour eq 'red'", /^Invalid \$filter/],
    ["tagName eq 'env'", /does not emulate filtering on 'tagName'/],
  ])("answers ARM's 400 InvalidFilterInQueryString for %j", async (filter, message) => {
    const error = await all(client().resources.list({ filter })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RestError);
    expect((error as RestError).statusCode).toBe(400);
    expect((error as RestError).code).toBe("InvalidFilterInQueryString");
    expect((error as RestError).message).toMatch(message);
  });

  it("refuses a bad $top and an $expand the emulator does not keep", async () => {
    const headers = { authorization: `Bearer ${await automationToken(endpoints)}` };
    const base = `${endpoints.armEndpoint}/subscriptions/${PROD}/resources?api-version=2021-04-01`;
    const top = await fetch(`${base}&$top=0`, { headers });
    expect(top.status).toBe(400);
    const expand = await fetch(`${base}&$expand=createdTime`, { headers });
    expect(expand.status).toBe(400);
    expect(((await expand.json()) as { error: { code: string } }).error.code).toBe(
      "InvalidQueryParameterValue",
    );
  });
});

describe("GET .../resourceGroups/{rg}/resources", () => {
  it("lists one group's resources", async () => {
    const found = await all(client().resources.listByResourceGroup("rg-web-prod"));
    expect(found.map((r) => r.name).sort()).toEqual([
      "contosoweb",
      "contosoweb/eastus",
      "contosoweb/uksouth",
      "contosoweb/westeurope",
    ]);
  });

  it("answers 404 ResourceGroupNotFound for a group that does not exist", async () => {
    const error = await all(client().resources.listByResourceGroup("rg-nothing")).catch(
      (e: unknown) => e,
    );
    expect((error as RestError).statusCode).toBe(404);
    expect((error as RestError).code).toBe("ResourceGroupNotFound");
  });
});

describe("RBAC, as for the other reads", () => {
  let support: TokenCredential;
  beforeAll(() => {
    const user = endpoints.users.find((u) => u.persona === "support")!;
    support = credentialOf(() => userToken(endpoints, user.username));
  });

  it("a Reader of Contoso Production lists its resources", async () => {
    const found = await all(
      client(PROD, support).resources.list({ filter: "name eq 'contosoweb'" }),
    );
    expect(found).toHaveLength(1);
  });

  it("but gets 403 AuthorizationFailed in a subscription where it holds no role", async () => {
    const error = await all(client(STAGING, support).resources.list()).catch((e: unknown) => e);
    expect((error as RestError).statusCode).toBe(403);
    expect((error as RestError).code).toBe("AuthorizationFailed");
    expect((error as RestError).message).toContain(
      "Microsoft.Resources/subscriptions/resources/read",
    );
  });
});
