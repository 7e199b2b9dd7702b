import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { GET as getDigests } from "@/app/api/subscriptions/[subscriptionId]/resourceGroups/[resourceGroup]/registries/[registryName]/digests/route";
import { GET as getHealth } from "@/app/api/subscriptions/[subscriptionId]/resourceGroups/[resourceGroup]/registries/[registryName]/health-check/route";
import { GET as getListing } from "@/app/api/subscriptions/[subscriptionId]/resourceGroups/[resourceGroup]/registries/[registryName]/repositories/route";
import { GET as getRegistry } from "@/app/api/subscriptions/[subscriptionId]/resourceGroups/[resourceGroup]/registries/[registryName]/route";
import { verifyBearer } from "@/lib/auth/server/verify-token";
import { manifestStep, tokenStep } from "@/lib/registry/data-steps";
import { checkEndpoint } from "@/lib/registry/health";
import { registryHttp } from "@/lib/registry/http";
import { pullToken } from "@/lib/registry/tokens";
import type { DigestMatrix, EndpointHealth, HealthCheckResult } from "@/lib/repro/types";
import type { Registry } from "@/lib/types";
import { caFetch, control } from "../support/emulator-client";
import { callRoute, registryParams, tokenFor, pointConsoleAtEmulator } from "./console-api-support";

/*
 * Data-plane access on the caller's behalf (issue 10) against the emulator: the health check, the
 * digest matrix and the catalog, through the console's own routes and the same connect-to
 * override as the prober.
 */

const endpoints = pointConsoleAtEmulator();

interface DataLogEntry {
  plane: string;
  host?: string;
  method: string;
  path: string;
  status: number;
  caller?: string;
}

async function dataRequests(): Promise<DataLogEntry[]> {
  const log = await control<DataLogEntry[]>(endpoints, "requests?plane=data");
  return log.filter((e) => e.plane === "data");
}

const step = (endpoint: EndpointHealth, name: string) =>
  endpoint.steps.find((s) => s.step === name)!;

let support = "";
let operator = "";
let auditor = "";
let prod: Awaited<ReturnType<typeof registryParams>>;

beforeAll(async () => {
  await control(endpoints, "reset");
  support = await tokenFor(endpoints, "support");
  operator = await tokenFor(endpoints, "operator");
  auditor = await tokenFor(endpoints, "auditor");
  prod = await registryParams(endpoints, operator, "contosoprod");
});

afterEach(async () => {
  await control(endpoints, "regions/westeurope", { status: null });
});

describe("health check per endpoint", () => {
  it("passes every step on a pinned replica, with the digest and the blob's redirect to storage", async () => {
    const answer = await callRoute(getHealth, {
      token: support,
      params: prod,
      query: { region: "westeurope", repository: "web/frontend", tag: "1.4.2" },
    });
    expect(answer.status, answer.text).toBe(200);
    const result = answer.body as HealthCheckResult;
    expect(result.endpoints.map((e) => e.host)).toEqual(["contosoprod.westeurope.geo.azurecr.io"]);
    const [regional] = result.endpoints as [EndpointHealth];
    expect(regional.verdict).toBe("pass");
    expect(regional.steps.map((s) => [s.step, s.status])).toEqual([
      ["dns", "pass"],
      ["tcp", "pass"],
      ["tls", "pass"],
      ["challenge", "pass"],
      ["token", "pass"],
      ["manifest", "pass"],
      ["blob", "pass"],
    ]);
    expect(step(regional, "manifest").detail).toMatch(/^sha256:[a-f0-9]{64}$/);
    expect(step(regional, "blob").detail).toMatch(
      /307 to storage acr[a-z0-9]+\.blob\.core\.windows\.net/,
    );
    expect(step(regional, "challenge").detail).toContain(
      "realm https://contosoprod.westeurope.geo.azurecr.io/oauth2/token",
    );
    // The caller's token and ACR's never appear in the answer.
    expect(answer.text).not.toContain(support);
    expect(answer.text).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\./);
  });

  it("fails the challenge step with firewall advice when a region answers 403", async () => {
    await control(endpoints, "regions/westeurope", { status: 403 });
    const answer = await callRoute(getHealth, {
      token: support,
      params: prod,
      query: { region: "westeurope", repository: "web/frontend", tag: "1.4.2" },
    });
    expect(answer.status).toBe(200);
    const [regional] = (answer.body as HealthCheckResult).endpoints as [EndpointHealth];
    const challenge = step(regional, "challenge");
    expect(challenge.status).toBe("fail");
    expect(challenge.code).toBe("CONNECTIVITY_FORBIDDEN_ERROR");
    expect(challenge.message).toContain("DENIED");
    expect(challenge.advice).toContain("firewall");
    expect(challenge.advice).toContain("contosoprod.westeurope.geo.azurecr.io on TCP 443");
    expect(step(regional, "token").status).toBe("skipped");
  });

  it("follows the blob redirect to a dedicated data endpoint ARM lists, and not to one it does not", async () => {
    const params = await registryParams(endpoints, operator, "sharedbase");
    const read = await callRoute(getRegistry, { token: operator, params });
    const registry = read.body as Registry;
    const answer = await callRoute(getHealth, {
      token: operator,
      params,
      query: { region: "eastus", repository: "base/ubuntu", tag: "24.04" },
    });
    const endpoints_ = (answer.body as HealthCheckResult).endpoints;
    const data = endpoints_.find((e) => e.kind === "data")!;
    expect(data.steps.slice(0, 3).map((s) => s.status)).toEqual(["pass", "pass", "pass"]);
    const regional = endpoints_.find((e) => e.kind === "regional");
    // sharedbase has regional endpoints off: the region's endpoint is its data endpoint alone.
    expect(regional).toBeUndefined();

    // Through the global name, with ARM's data claiming no data endpoint in eastus.
    await control(endpoints, "requests", undefined, "DELETE");
    const caller = await verifyBearer(`Bearer ${operator}`);
    const eastusData = registry.dataEndpointHostNames.find((h) => h.includes(".eastus."))!;
    const narrowed: Registry = {
      ...registry,
      dataEndpointHostNames: registry.dataEndpointHostNames.filter((h) => h !== eastusData),
    };
    const checked = await checkEndpoint(
      registryHttp(),
      narrowed,
      caller,
      { host: registry.loginServer, kind: "global", region: null },
      { repository: "base/ubuntu", tag: "24.04", vantage: "test" },
    );
    const blob = step(checked, "blob");
    expect(blob.status).toBe("fail");
    expect(blob.code).toBe("REDIRECT_NOT_ALLOWED");
    expect(blob.detail).toContain(`${eastusData} (not followed)`);
    const log = await dataRequests();
    expect(log.some((e) => e.path.includes("/blobs/"))).toBe(true);
    expect(log.some((e) => e.host === eastusData)).toBe(false);
  });

  it("refuses a reader of another subscription with ARM's 403 before any data-plane request", async () => {
    const params = await registryParams(endpoints, operator, "sharedbase");
    await control(endpoints, "requests", undefined, "DELETE");
    for (const [route, query] of [
      [getHealth, { repository: "base/ubuntu", tag: "24.04" }],
      [getDigests, { repository: "base/ubuntu", tag: "24.04" }],
      [getListing, {}],
    ] as const) {
      const answer = await callRoute(route, { token: support, params, query });
      expect(answer.status).toBe(403);
      expect(answer.body.error.code).toBeTruthy();
    }
    expect(await dataRequests()).toEqual([]);
  });

  it("validates names against the distribution grammar", async () => {
    const answer = await callRoute(getHealth, {
      token: support,
      params: prod,
      query: { repository: "Web/Frontend", tag: "1.4.2" },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toContain("repository");
    const hostile = await callRoute(getDigests, {
      token: support,
      params: prod,
      query: { repository: "web/frontend", tag: "../../_catalog" },
    });
    expect(hostile.status).toBe(400);
  });
});

describe("scopes", () => {
  it("a token scoped to one repository does not pull another: 401 insufficient_scope", async () => {
    const caller = await verifyBearer(`Bearer ${support}`);
    const http = registryHttp();
    const host = "contosoprod.westeurope.geo.azurecr.io";
    const token = await tokenStep(http, {
      realmHost: host,
      service: host,
      tenant: caller.tenantId,
      entraToken: caller.token,
      repository: "web/frontend",
    });
    expect(token.step.status).toBe("pass");
    expect(token.step.detail).toBe("granted repository:web/frontend:pull");
    const other = await manifestStep(http, {
      host,
      token: token.token!,
      repository: "api/orders",
      tag: "2.0.1",
    });
    expect(other.step.status).toBe("fail");
    expect(other.step.code).toBe("insufficient_scope");
    expect(other.step.advice).toContain("registries/pull/read");
  });
});

describe("digest matrix", () => {
  it("shows the seeded divergence: one replica still holds the previous digest", async () => {
    const answer = await callRoute(getDigests, {
      token: support,
      params: prod,
      query: { repository: "web/checkout", tag: "3.1.0" },
    });
    expect(answer.status, answer.text).toBe(200);
    const matrix = answer.body as DigestMatrix;
    const byRegion = Object.fromEntries(matrix.rows.map((r) => [r.region ?? "global", r.verdict]));
    expect(byRegion).toMatchObject({
      eastus: "home",
      westeurope: "same",
      brazilsouth: "different",
      global: "same",
    });
    expect(matrix.overall).toBe("propagating");
  });

  it("shows a digest pushed to one replica as different, then consistent after the lag", async () => {
    const pushed = await control<{ digest: string; arrivesAt: Record<string, string> }>(
      endpoints,
      "replicate",
      { registry: "contosoprod", repository: "web/frontend", tag: "latest", region: "eastus" },
    );
    const first = (
      await callRoute(getDigests, {
        token: support,
        params: prod,
        query: { repository: "web/frontend", tag: "latest" },
      })
    ).body as DigestMatrix;
    const arrival = Math.min(...Object.values(pushed.arrivesAt).map((t) => Date.parse(t)));
    if (Date.now() < arrival) {
      const home = first.rows.find((r) => r.region === "eastus")!;
      expect(home.digest).toBe(pushed.digest);
      expect(first.rows.find((r) => r.region === "westeurope")!.verdict).toBe("different");
      expect(first.overall).toBe("propagating");
    }
    const last = Math.max(...Object.values(pushed.arrivesAt).map((t) => Date.parse(t)));
    await new Promise((r) => setTimeout(r, Math.max(0, last - Date.now()) + 100));
    const after = (
      await callRoute(getDigests, {
        token: support,
        params: prod,
        query: { repository: "web/frontend", tag: "latest" },
      })
    ).body as DigestMatrix;
    expect(after.overall).toBe("consistent");
    expect(new Set(after.rows.map((r) => r.digest))).toEqual(new Set([pushed.digest]));
  });
});

describe("catalog and tags", () => {
  it("lists repositories and tags with the caller's identity", async () => {
    const catalog = await callRoute(getListing, { token: support, params: prod });
    expect(catalog.status, catalog.text).toBe(200);
    expect(catalog.body.repositories).toEqual(
      expect.arrayContaining(["api/orders", "web/checkout", "web/frontend"]),
    );
    const tags = await callRoute(getListing, {
      token: support,
      params: prod,
      query: { repository: "web/frontend" },
    });
    expect(tags.body.tags).toEqual(expect.arrayContaining(["1.4.2", "latest"]));
  });
});

describe("an identity that reads the registry through ARM but may not pull", () => {
  // The auditor holds the custom Registry Configuration Reader (Reader without
  // registries/pull/read) on Contoso Production.
  const oid = () => JSON.parse(Buffer.from(auditor.split(".")[1]!, "base64url").toString()).oid;
  const armUrl = () =>
    `${endpoints.armEndpoint}/subscriptions/${prod.subscriptionId}/resourceGroups/${prod.resourceGroup}` +
    `/providers/Microsoft.ContainerRegistry/registries/${prod.registryName}?api-version=2025-11-01`;

  it("reads the registry through ARM, and ARM refuses its writes as a reader's", async () => {
    const read = await callRoute(getRegistry, { token: auditor, params: prod });
    expect(read.status, read.text).toBe(200);
    expect((read.body as Registry).regionalEndpointHostNames.length).toBeGreaterThan(1);
    const patch = await caFetch(endpoints)(armUrl(), {
      method: "PATCH",
      headers: { authorization: `Bearer ${auditor}`, "content-type": "application/json" },
      body: JSON.stringify({ tags: { audited: "yes" } }),
    });
    expect(patch.status).toBe(403);
    const error = ((await patch.json()) as { error: { code: string; message: string } }).error;
    expect(error.code).toBe("AuthorizationFailed");
    expect(error.message).toContain("Microsoft.ContainerRegistry/registries/write");
  });

  it("fails the token step with ACR's grant and pull advice, and asks for no manifest", async () => {
    await control(endpoints, "requests", undefined, "DELETE");
    const answer = await callRoute(getHealth, {
      token: auditor,
      params: prod,
      query: { region: "westeurope", repository: "web/frontend", tag: "1.4.2" },
    });
    expect(answer.status, answer.text).toBe(200);
    const [regional] = (answer.body as HealthCheckResult).endpoints as [EndpointHealth];
    expect(regional.verdict).toBe("fail");
    expect(regional.steps.map((s) => [s.step, s.status])).toEqual([
      ["dns", "pass"],
      ["tcp", "pass"],
      ["tls", "pass"],
      ["challenge", "pass"],
      ["token", "fail"],
      ["manifest", "skipped"],
      ["blob", "skipped"],
    ]);
    const token = step(regional, "token");
    expect(token.code).toBe("insufficient_scope");
    expect(token.message).toBe("ACR granted no action for repository:web/frontend:pull");
    expect(token.advice).toContain("AcrPull");
    expect(token.advice).toContain("Microsoft.ContainerRegistry/registries/pull/read");
    expect(token.advice).toContain("Container Registry Repository Reader");
    // The exchange and the token request happened, as the auditor; nothing was pulled.
    const log = (await dataRequests()).filter((e) => e.caller === oid());
    expect(log.map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([
      "POST /oauth2/exchange 200",
      "POST /oauth2/token 200",
    ]);
    const all = await dataRequests();
    expect(all.some((e) => e.path.includes("/manifests/") || e.path.includes("/blobs/"))).toBe(
      false,
    );
  });

  it("is refused a pull by the emulator with 401 insufficient_scope, as the step foresaw", async () => {
    const caller = await verifyBearer(`Bearer ${auditor}`);
    const host = "contosoprod.westeurope.geo.azurecr.io";
    const http = registryHttp();
    const issued = await pullToken(http, {
      host,
      tenant: caller.tenantId,
      entraToken: caller.token,
      scope: "repository:web/frontend:pull",
    });
    if (!issued.ok) throw new Error(`no token: ${issued.code} ${issued.message}`);
    const accessToken = issued.token;
    const manifest = await manifestStep(http, {
      host,
      token: accessToken,
      repository: "web/frontend",
      tag: "1.4.2",
    });
    expect(manifest.step.status).toBe("fail");
    expect(manifest.step.code).toBe("insufficient_scope");
  });

  it("reports an access failure on every row of the digest matrix, not a missing tag", async () => {
    await control(endpoints, "requests", undefined, "DELETE");
    const answer = await callRoute(getDigests, {
      token: auditor,
      params: prod,
      query: { repository: "web/frontend", tag: "1.4.2" },
    });
    expect(answer.status, answer.text).toBe(200);
    const matrix = answer.body as DigestMatrix;
    expect(matrix.rows.length).toBeGreaterThan(2);
    for (const row of matrix.rows) {
      expect(row.verdict, row.host).toBe("denied");
      expect(row.code).toBe("insufficient_scope");
      expect(row.digest).toBeNull();
    }
    expect(matrix.overall).toBe("unknown");
    expect((await dataRequests()).some((e) => e.path.includes("/manifests/"))).toBe(false);
  });

  it("is told that listing the catalog needs pull, as a 403 of the console (its session is fine)", async () => {
    const catalog = await callRoute(getListing, { token: auditor, params: prod });
    expect(catalog.status).toBe(403);
    expect(catalog.body.error.code).toBe("UNAUTHORIZED");
    expect(catalog.body.error.message).toContain("AcrPull");
  });
});
