import { readFileSync } from "node:fs";
import type { AccessToken, TokenCredential } from "@azure/core-auth";
import { ContainerRegistryManagementClient, type Registry } from "@azure/arm-containerregistry";
import {
  createContainerRegistryManagement,
  type ContainerRegistryManagementContext,
} from "@azure/arm-containerregistry/api";
import { createHttpPoller, type OperationState, type RunningOperation } from "@azure/core-lro";
import { RestError } from "@azure/core-rest-pipeline";
import { beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import type { RequestLogEntry } from "../../emulator/contracts";
import { automationToken, caFetch, control } from "../support/emulator-client";
import { userToken } from "../support/user-token";

const endpoints = inject("emulator");
const ca = readFileSync(endpoints.caFile, "utf8");
const fetch = caFetch(endpoints);
const PREVIEW = "2026-01-01-preview";
const GA = "2025-11-01";
const SCOPES = ["https://management.azure.com/.default"];
const PROD = "6b1f3e2a-4c5d-4e8f-9a0b-1c2d3e4f5a60";
const SHARED = "c4e6a8b0-2d4f-4a6c-8e0b-2d4f6a8c0e12";

const user = (persona: string) => endpoints.users.find((u) => u.persona === persona)!;

function credentialOf(token: () => Promise<string>): TokenCredential {
  return {
    async getToken(): Promise<AccessToken> {
      return { token: await token(), expiresOnTimestamp: Date.now() + 30 * 60_000 };
    },
  };
}

const automation = credentialOf(() => automationToken(endpoints));
const clientOptions = {
  endpoint: endpoints.armEndpoint,
  credentials: { scopes: SCOPES },
  tlsOptions: { ca },
  // Polls answer with Retry-After 0; keep the SDK's retries of 429 fast as well.
  retryOptions: { maxRetryDelayInMs: 2_000 },
};

function typedClient(subscriptionId = PROD, credential = automation) {
  return new ContainerRegistryManagementClient(credential, subscriptionId, clientOptions);
}

function previewContext(
  credential = automation,
  apiVersion = PREVIEW,
): ContainerRegistryManagementContext {
  return createContainerRegistryManagement(credential, PROD, { ...clientOptions, apiVersion });
}

function registryPath(sub: string, rg: string, name: string) {
  return `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.ContainerRegistry/registries/${name}`;
}

/** The preview PATCH through the SDK's own context, polled by core-lro as the SDK polls. */
async function patchPreview(ctx: ContainerRegistryManagementContext, path: string, body: unknown) {
  const lro: RunningOperation<unknown> = {
    async sendInitialRequest() {
      const res = await ctx.pathUnchecked(path).patch({ body });
      if (!["200", "201", "202"].includes(res.status)) throw restErrorOf(res);
      return response(res, path, "PATCH");
    },
    async sendPollRequest(url: string) {
      const res = await ctx.pathUnchecked(url).get();
      if (!["200", "201", "202"].includes(res.status)) throw restErrorOf(res);
      return response(res, url, "GET");
    },
  };
  const poller = createHttpPoller<unknown, OperationState<unknown>>(lro, {
    resourceLocationConfig: "azure-async-operation",
    intervalInMs: 10,
  });
  return (await poller.pollUntilDone()) as Registry & {
    properties: { regionalEndpoints?: string; regionalEndpointHostNames?: string[] };
  };
}

type Raw = { status: string; headers: Record<string, string>; body: unknown };

function response(res: Raw, url: string, method: string) {
  return {
    flatResponse: res.body,
    rawResponse: {
      statusCode: Number(res.status),
      headers: res.headers,
      body: res.body,
      request: { url: new URL(url, endpoints.armEndpoint).toString(), method },
    },
  };
}

function restErrorOf(res: Raw) {
  const error = (res.body as { error?: { code?: string; message?: string } }).error;
  return new RestError(error?.message ?? `HTTP ${res.status}`, {
    code: error?.code,
    statusCode: Number(res.status),
  });
}

async function armLog(): Promise<RequestLogEntry[]> {
  return control<RequestLogEntry[]>(endpoints, "requests?plane=arm");
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}

async function rejection(promise: Promise<unknown>): Promise<RestError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RestError);
  return error as RestError;
}

beforeEach(async () => {
  await control(endpoints, "reset");
});

describe("reads through the typed SDK", () => {
  it("lists a subscription's registries across several pages", async () => {
    const names: string[] = [];
    for await (const registry of typedClient().registries.list()) names.push(registry.name!);
    expect(names.sort()).toEqual(["contosobuild", "contosoml", "contosoprod", "contosoweb"]);
    const lists = (await armLog()).filter(
      (e) =>
        e.method === "GET" &&
        /\/providers\/Microsoft\.ContainerRegistry\/registries\?/.test(e.path),
    );
    expect(lists.length).toBeGreaterThan(1);
    expect(lists.some((e) => e.path.includes("$skipToken="))).toBe(true);
    expect(lists.every((e) => e.path.includes(`api-version=${GA}`))).toBe(true);
  });

  it("lists by resource group and gets one registry", async () => {
    const client = typedClient(SHARED);
    const inGroup: Registry[] = [];
    for await (const r of client.registries.listByResourceGroup("rg-shared-images"))
      inGroup.push(r);
    expect(inGroup.map((r) => r.name)).toEqual(["sharedbase"]);

    const registry = await typedClient().registries.get("rg-web-prod", "contosoweb");
    expect(registry.loginServer).toBe("contosoweb-d7ahbgchb9e6f0h4.azurecr.io");
    expect(registry.sku.name).toBe("Premium");
    expect(registry.provisioningState).toBe("Succeeded");
    expect(registry.id).toBe(registryPath(PROD, "rg-web-prod", "contosoweb"));
  });

  it("lists replications with the home region first and reads one", async () => {
    const client = typedClient();
    const regions: string[] = [];
    for await (const r of client.replications.list("rg-registry-prod", "contosoprod"))
      regions.push(r.name!);
    expect(regions).toHaveLength(7);
    expect(regions[0]).toBe("eastus");
    const syncing = await client.replications.get("rg-ml-prod", "contosoml", "centralindia");
    expect(syncing.status?.displayStatus).toBe("Syncing");
    const excluded = await client.replications.get("rg-web-prod", "contosoweb", "uksouth");
    expect(excluded.regionEndpointEnabled).toBe(false);
  });

  it("serializes the preview properties only at the preview api-version", async () => {
    const path = registryPath(PROD, "rg-registry-prod", "contosoprod");
    const preview = await previewContext().pathUnchecked(path).get();
    expect(preview.status).toBe("200");
    expect(preview.body.properties.regionalEndpoints).toBe("Enabled");
    expect(preview.body.properties.regionalEndpointHostNames).toContain(
      "contosoprod.japaneast.geo.azurecr.io",
    );
    const ga = await previewContext(automation, GA).pathUnchecked(path).get();
    expect(ga.status).toBe("200");
    expect(ga.body.properties).not.toHaveProperty("regionalEndpoints");
    expect(ga.body.properties).not.toHaveProperty("regionalEndpointHostNames");
  });
});

describe("long-running updates", () => {
  it("turns a replica's global endpoint routing off with the typed LRO", async () => {
    const client = typedClient();
    const updated = await client.replications.update(
      "rg-registry-prod",
      "contosoprod",
      "westeurope",
      { regionEndpointEnabled: false },
      { updateIntervalInMs: 10 },
    );
    expect(updated.regionEndpointEnabled).toBe(false);
    expect(updated.provisioningState).toBe("Succeeded");
    const log = await armLog();
    const patch = log.find((e) => e.method === "PATCH");
    expect(patch?.status).toBe(201);
    expect(
      log.some((e) => /operationStatuses\/replications-/.test(e.path) && e.status === 200),
    ).toBe(true);
    const again = await client.replications.get("rg-registry-prod", "contosoprod", "westeurope");
    expect(again.regionEndpointEnabled).toBe(false);
  });

  it("enables regional endpoints through the SDK's context at the preview api-version", async () => {
    const path = registryPath(PROD, "rg-web-prod", "contosoweb");
    const result = await patchPreview(previewContext(), path, {
      properties: { regionalEndpoints: "Enabled" },
    });
    expect(result.properties.regionalEndpoints).toBe("Enabled");
    expect(result.properties.regionalEndpointHostNames?.sort()).toEqual([
      "contosoweb-d7ahbgchb9e6f0h4.eastus.geo.azurecr.io",
      "contosoweb-d7ahbgchb9e6f0h4.uksouth.geo.azurecr.io",
      "contosoweb-d7ahbgchb9e6f0h4.westeurope.geo.azurecr.io",
    ]);
    const disabled = await patchPreview(previewContext(), path, {
      properties: { regionalEndpoints: "Disabled" },
    });
    expect(disabled.properties.regionalEndpointHostNames).toEqual([]);
  });

  it("turns dedicated data endpoints on with the typed registries.update", async () => {
    const updated = await typedClient().registries.update(
      "rg-ml-prod",
      "contosoml",
      { dataEndpointEnabled: true, tags: { env: "prod", owner: "ml-team", reviewed: "yes" } },
      { updateIntervalInMs: 10 },
    );
    expect(updated.dataEndpointEnabled).toBe(true);
    expect(updated.dataEndpointHostNames?.sort()).toEqual([
      "contosoml.centralindia.data.azurecr.io",
      "contosoml.eastus.data.azurecr.io",
      "contosoml.japaneast.data.azurecr.io",
    ]);
    expect(updated.tags?.reviewed).toBe("yes");
  });

  it("answers the 202 + Location shape with the full resource when done", async () => {
    await control(endpoints, "faults", {
      match: { method: "PATCH" },
      lroMode: "location",
      count: 1,
    });
    const updated = await typedClient().replications.update(
      "rg-web-prod",
      "contosoweb",
      "uksouth",
      { regionEndpointEnabled: true },
      { updateIntervalInMs: 10 },
    );
    expect(updated.regionEndpointEnabled).toBe(true);
    expect(updated.name).toBe("uksouth");
    const log = await armLog();
    expect(log.find((e) => e.method === "PATCH")?.status).toBe(202);
    expect(log.some((e) => /operationResults\//.test(e.path) && e.status === 200)).toBe(true);
  });

  it("leaves the change undone and provisioningState Failed when the operation fails", async () => {
    await control(endpoints, "faults", {
      match: { method: "PATCH", path: "replications/japaneast" },
      lro: "Failed",
      code: "ReplicationUpdateFailed",
      message: "The replica could not be updated.",
      count: 1,
    });
    const client = typedClient();
    const error = await failure(
      client.replications.update(
        "rg-registry-prod",
        "contosoprod",
        "japaneast",
        { regionEndpointEnabled: false },
        { updateIntervalInMs: 10 },
      ),
    );
    // core-lro reports a failed operation as a plain Error carrying ARM's code and message.
    expect(error.message).toContain("ReplicationUpdateFailed. The replica could not be updated.");
    const after = await client.replications.get("rg-registry-prod", "contosoprod", "japaneast");
    expect(after.provisioningState).toBe("Failed");
    expect(after.regionEndpointEnabled).toBe(true);
  });

  it("refuses a second PATCH while an operation runs on the resource (409)", async () => {
    const token = await automationToken(endpoints);
    const url = `${endpoints.armEndpoint}${registryPath(PROD, "rg-registry-prod", "contosoprod")}/replications/uksouth?api-version=${GA}`;
    const patch = () =>
      fetch(url, {
        method: "PATCH",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ properties: { regionEndpointEnabled: false } }),
      });
    const first = await patch();
    expect(first.status).toBe(201);
    expect(
      ((await first.json()) as { properties: { provisioningState: string } }).properties
        .provisioningState,
    ).toBe("Updating");
    const second = await patch();
    expect(second.status).toBe(409);
    const status = await fetch(first.headers.get("azure-asyncoperation")!, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(((await status.json()) as { status: string }).status).toBe("Succeeded");
    expect((await patch()).status).toBe(201);
  });
});

describe("errors", () => {
  it("answers 404 for a missing registry and a missing resource group", async () => {
    const client = typedClient();
    const missing = await rejection(client.registries.get("rg-registry-prod", "nosuchregistry"));
    expect(missing.statusCode).toBe(404);
    expect(missing.code).toBe("ResourceNotFound");
    const noGroup = await rejection(client.registries.get("rg-nope", "contosoprod"));
    expect(noGroup.statusCode).toBe(404);
    expect(noGroup.code).toBe("ResourceGroupNotFound");
  });

  it("answers 401 without a token and with a tampered one", async () => {
    const res = await fetch(
      `${endpoints.armEndpoint}/subscriptions/${PROD}/providers/Microsoft.ContainerRegistry/registries?api-version=${GA}`,
    );
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer authorization_uri="/);
    expect(res.headers.get("x-ms-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
      "AuthenticationFailed",
    );

    const token = await automationToken(endpoints);
    const [head, payload, signature] = token.split(".");
    const flipped = `${signature!.startsWith("A") ? "B" : "A"}${signature!.slice(1)}`;
    const tampered = credentialOf(async () => `${head}.${payload}.${flipped}`);
    const error = await rejection(
      typedClient(PROD, tampered).registries.get("rg-registry-prod", "contosoprod"),
    );
    expect(error.statusCode).toBe(401);
    expect(error.code).toBe("InvalidAuthenticationToken");
  });

  it("answers 403 AuthorizationFailed when a reader changes a replica", async () => {
    const teamlead = credentialOf(() =>
      userToken(endpoints, user("teamlead").username, user("teamlead").password),
    );
    const client = typedClient(PROD, teamlead);
    const replica = await client.replications.get("rg-registry-prod", "contosoprod", "uksouth");
    expect(replica.regionEndpointEnabled).toBe(true);
    const error = await rejection(
      client.replications.update("rg-registry-prod", "contosoprod", "uksouth", {
        regionEndpointEnabled: false,
      }),
    );
    expect(error.statusCode).toBe(403);
    expect(error.code).toBe("AuthorizationFailed");
    expect(error.message).toContain("Microsoft.ContainerRegistry/registries/replications/write");
    expect(error.message).toMatch(/^The client '[0-9a-f-]{36}' with object id '[0-9a-f-]{36}'/);
  });

  it("answers 400 for an api-version ARM does not serve", async () => {
    const ctx = previewContext(automation, "2024-01-01");
    const res = await ctx
      .pathUnchecked(registryPath(PROD, "rg-registry-prod", "contosoprod"))
      .get();
    expect(res.status).toBe("400");
    expect(res.body.error.code).toBe("NoRegisteredProviderFound");
    expect(res.body.error.message).toContain("2026-01-01-preview");
  });

  it("refuses regional endpoints on a Standard registry with a 400", async () => {
    const path = registryPath(PROD, "rg-ci", "contosobuild");
    const error = await rejection(
      patchPreview(previewContext(), path, { properties: { regionalEndpoints: "Enabled" } }),
    );
    expect(error.statusCode).toBe(400);
    expect(error.code).toBe("RegionalEndpointsNotSupported");
    const after = await previewContext().pathUnchecked(path).get();
    expect(after.body.properties.regionalEndpoints).toBe("Disabled");
  });

  it("retries a 429 after Retry-After and then succeeds", async () => {
    await control(endpoints, "faults", {
      match: { method: "GET", path: "/registries/contosoprod\\?" },
      status: 429,
      retryAfter: 1,
      count: 1,
    });
    const registry = await typedClient().registries.get("rg-registry-prod", "contosoprod");
    expect(registry.name).toBe("contosoprod");
    const gets = (await armLog()).filter((e) => /\/registries\/contosoprod\?/.test(e.path));
    expect(gets.map((e) => e.status)).toEqual([429, 200]);
  });
});

describe("who may do what", () => {
  let support: string;
  beforeAll(async () => {
    support = await userToken(endpoints, user("support").username, user("support").password);
  });

  it("lists only the subscriptions a caller has a role in", async () => {
    const all = async (token: string) => {
      const ids: string[] = [];
      let next: string | undefined =
        `${endpoints.armEndpoint}/subscriptions?api-version=2022-12-01`;
      while (next) {
        const res = await fetch(next, { headers: { authorization: `Bearer ${token}` } });
        const body = (await res.json()) as {
          value: { subscriptionId: string }[];
          nextLink?: string;
        };
        ids.push(...body.value.map((s) => s.subscriptionId));
        next = body.nextLink;
      }
      return ids;
    };
    expect(await all(support)).toEqual([PROD]);
    expect(await all(await automationToken(endpoints))).toHaveLength(3);
  });

  it("answers the permissions call from the caller's role", async () => {
    const path = `${registryPath(PROD, "rg-registry-prod", "contosoprod")}/providers/Microsoft.Authorization/permissions`;
    const asOperator = await previewContext(automation, "2022-04-01").pathUnchecked(path).get();
    expect(asOperator.status).toBe("200");
    expect(asOperator.body.value[0].actions).toEqual(["*"]);
    expect(asOperator.body.value[0].notActions).toContain("Microsoft.Authorization/*/Write");

    const asSupport = await previewContext(
      credentialOf(async () => support),
      "2022-04-01",
    )
      .pathUnchecked(path)
      .get();
    expect(asSupport.body.value).toEqual([
      { actions: ["*/read"], notActions: [], dataActions: [], notDataActions: [] },
    ]);
    const elsewhere = await previewContext(
      credentialOf(async () => support),
      "2022-04-01",
    )
      .pathUnchecked(
        `${registryPath(SHARED, "rg-shared-images", "sharedbase")}/providers/Microsoft.Authorization/permissions`,
      )
      .get();
    expect(elsewhere.body.value).toEqual([]);
  });

  it("answers 403 to a reader outside its subscription", async () => {
    const client = typedClient(
      SHARED,
      credentialOf(async () => support),
    );
    const error = await rejection(client.registries.get("rg-shared-images", "sharedbase"));
    expect(error.statusCode).toBe(403);
    expect(error.code).toBe("AuthorizationFailed");
  });
});

describe("control API", () => {
  it("reset restores the seed and forgets faults and the request log", async () => {
    const client = typedClient();
    await client.replications.update(
      "rg-web-prod",
      "contosoweb",
      "uksouth",
      { regionEndpointEnabled: true },
      { updateIntervalInMs: 10 },
    );
    await control(endpoints, "faults", { match: { path: "nothing-matches-this" }, status: 500 });
    expect(await control<unknown[]>(endpoints, "faults")).toHaveLength(1);
    expect((await armLog()).length).toBeGreaterThan(0);

    await control(endpoints, "reset");
    expect(await control<unknown[]>(endpoints, "faults")).toEqual([]);
    expect(await armLog()).toEqual([]);
    const replica = await client.replications.get("rg-web-prod", "contosoweb", "uksouth");
    expect(replica.regionEndpointEnabled).toBe(false);
    const log = await armLog();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ plane: "arm", method: "GET", status: 200 });
    expect(log[0]!.caller).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("serves a landing page at / for accepting the certificate", async () => {
    const res = await fetch(`${endpoints.armEndpoint}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await res.text()).toContain("certificate is accepted");
  });
});
