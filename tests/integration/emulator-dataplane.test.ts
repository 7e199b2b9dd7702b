import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { automationToken, caFetch, control } from "../support/emulator-client";
import {
  registryRequest as sendToDataPlane,
  type RegistryReply,
} from "../support/registry-request";

/*
 * The registry data plane of the running emulator, reached the way the console and curl reach it:
 * every registry host name on port 443 is "connected to" the one data-plane address, with the
 * host name in SNI and Host. Host names come from ARM, as a client would get them.
 */

const e = inject("emulator");
const [dataIp, dataPortText] = e.dataPlaneAddress.split(":") as [string, string];
const dataPort = Number(dataPortText);
const ca = readFileSync(e.caFile, "utf8");
const run = promisify(execFile);
const PREVIEW = "api-version=2026-01-01-preview";

/** One request to `https://<host><path>` through the data-plane address, on a new connection. */
function registryRequest(
  host: string,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RegistryReply> {
  return sendToDataPlane(e.dataPlaneAddress, ca, host, path, init);
}

function form(fields: Record<string, string>) {
  return {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  };
}

/** curl's own timing of `GET /v2/` on a new connection, in milliseconds. */
async function curlTimes(host: string) {
  const { stdout } = await run("curl", [
    "-s",
    "-o",
    "/dev/null",
    "-w",
    "%{time_connect} %{time_appconnect} %{time_pretransfer} %{time_starttransfer} %{http_code}",
    "--connect-to",
    `${host}:443:${dataIp}:${dataPort}`,
    "--cacert",
    e.caFile,
    `https://${host}/v2/`,
  ]);
  const [connect, tls, pre, start, code] = stdout.trim().split(" ").map(Number) as number[];
  return { tlsMs: (tls! - connect!) * 1000, ttfbMs: (start! - pre!) * 1000, status: code! };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

interface ArmRegistry {
  id: string;
  name: string;
  sku: { name: string };
  properties: {
    loginServer: string;
    regionalEndpoints?: string;
    regionalEndpointHostNames?: string[];
    dataEndpointEnabled?: boolean;
    dataEndpointHostNames?: string[];
  };
}

let armToken = "";
const registries: ArmRegistry[] = [];

async function armList<T>(url: string): Promise<T[]> {
  const items: T[] = [];
  for (let next: string | undefined = url; next;) {
    const res = await caFetch(e)(next, { headers: { authorization: `Bearer ${armToken}` } });
    expect(res.status, next).toBe(200);
    const page = (await res.json()) as { value: T[]; nextLink?: string };
    items.push(...page.value);
    next = page.nextLink;
  }
  return items;
}

async function replicas(registry: ArmRegistry) {
  return armList<{ name: string; properties: { regionEndpointEnabled: boolean } }>(
    `${e.armEndpoint}${registry.id}/replications?${PREVIEW}`,
  );
}

const regionOf = (host: string) => host.split(".")[1]!;

/** PATCH through ARM (preview api-version) and wait for the long-running operation to end. */
async function patchRegistry(id: string, properties: Record<string, unknown>) {
  const headers = { authorization: `Bearer ${armToken}`, "content-type": "application/json" };
  const res = await caFetch(e)(`${e.armEndpoint}${id}?${PREVIEW}`, {
    method: "PATCH",
    headers,
    body: JSON.stringify({ properties }),
  });
  expect([200, 201, 202]).toContain(res.status);
  const operation = res.headers.get("azure-asyncoperation") ?? res.headers.get("location");
  if (res.status === 200 || !operation) return;
  for (;;) {
    const poll = await caFetch(e)(operation, { headers });
    const body = (await poll.json().catch(() => ({}))) as { status?: string };
    expect(body.status).not.toBe("Failed");
    // Azure-AsyncOperation answers a status; a Location poll answers the resource when done.
    if (poll.status === 200 && (body.status === undefined || body.status === "Succeeded")) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

function withRegionalEndpoints(): ArmRegistry {
  const r = registries.find((r) => (r.properties.regionalEndpointHostNames ?? []).length >= 2);
  if (!r) throw new Error("the seed has no registry with regional endpoints enabled");
  return r;
}

/** An ACR access token for `repository:<repo>:pull`, from the automation client's Entra token. */
async function pullToken(host: string, service: string, repo: string): Promise<string> {
  const entra = await automationToken(e);
  const exchange = await registryRequest(
    host,
    "/oauth2/exchange",
    form({ grant_type: "access_token", service, tenant: e.tenantId, access_token: entra }),
  );
  expect(exchange.status).toBe(200);
  const { refresh_token } = JSON.parse(exchange.body) as { refresh_token: string };
  const token = await registryRequest(
    host,
    "/oauth2/token",
    form({ grant_type: "refresh_token", service, scope: `repository:${repo}:pull`, refresh_token }),
  );
  expect(token.status).toBe(200);
  return (JSON.parse(token.body) as { access_token: string }).access_token;
}

async function headManifest(host: string, repo: string, tag: string, token: string) {
  return registryRequest(host, `/v2/${repo}/manifests/${tag}`, {
    method: "HEAD",
    headers: {
      authorization: `Bearer ${token}`,
      accept: "application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.index.v1+json",
    },
  });
}

beforeAll(async () => {
  await control(e, "reset");
  armToken = await automationToken(e);
  const subscriptions = await armList<{ subscriptionId: string }>(
    `${e.armEndpoint}/subscriptions?api-version=2022-12-01`,
  );
  for (const s of subscriptions) {
    registries.push(
      ...(await armList<ArmRegistry>(
        `${e.armEndpoint}/subscriptions/${s.subscriptionId}/providers/Microsoft.ContainerRegistry/registries?${PREVIEW}`,
      )),
    );
  }
});

// Each test sets the regions it needs from the seed's values.
beforeEach(async () => {
  await control(e, "reset");
});

afterAll(async () => {
  await control(e, "reset");
});

describe("registry data plane", () => {
  it("challenges GET /v2/ on the global, regional and data host names, naming each host", async () => {
    const regional = withRegionalEndpoints();
    const withData = registries.find((r) => (r.properties.dataEndpointHostNames ?? []).length > 0);
    expect(withData, "a registry with dedicated data endpoints").toBeDefined();
    const hosts = [
      regional.properties.loginServer,
      ...regional.properties.regionalEndpointHostNames!,
      withData!.properties.dataEndpointHostNames![0]!,
    ];
    for (const host of hosts) {
      const res = await registryRequest(host, "/v2/");
      expect(res.status, host).toBe(401);
      expect(res.headers["www-authenticate"]).toBe(
        `Bearer realm="https://${host}/oauth2/token",service="${host}"`,
      );
      expect(res.headers["docker-distribution-api-version"]).toBe("registry/2.0");
      expect(JSON.parse(res.body)).toEqual({
        errors: [
          {
            code: "UNAUTHORIZED",
            message:
              "authentication required, visit https://aka.ms/acr/authorization for more information.",
            detail: null,
          },
        ],
      });
    }
  });

  it("fails the TLS handshake for a regional name while regional endpoints are disabled", async () => {
    const premium = registries.find(
      (r) => r.sku.name === "Premium" && r.properties.regionalEndpoints !== "Enabled",
    );
    expect(premium, "a Premium registry with regional endpoints disabled").toBeDefined();
    const [replica] = await replicas(premium!);
    const label = premium!.properties.loginServer.split(".")[0];
    const host = `${label}.${replica!.name}.geo.azurecr.io`;
    await expect(registryRequest(host, "/v2/")).rejects.toThrow(/unrecognized name/);
    // The global name of the same registry answers.
    expect((await registryRequest(premium!.properties.loginServer, "/v2/")).status).toBe(401);
  });

  it("serves a regional name only while ARM says regional endpoints are enabled", async () => {
    const registry = withRegionalEndpoints();
    const host = registry.properties.regionalEndpointHostNames![0]!;
    expect((await registryRequest(host, "/v2/")).status).toBe(401);
    await patchRegistry(registry.id, { regionalEndpoints: "Disabled" });
    await expect(registryRequest(host, "/v2/")).rejects.toThrow(/unrecognized name/);
    await patchRegistry(registry.id, { regionalEndpoints: "Enabled" });
    expect((await registryRequest(host, "/v2/")).status).toBe(401);
  });

  it("exchanges an Entra token for ACR tokens and answers a manifest HEAD with its digest", async () => {
    const registry = withRegionalEndpoints();
    const login = registry.properties.loginServer;
    const host = registry.properties.regionalEndpointHostNames![0]!;
    const repo = "dataplane-test/app";
    const pushed = await control<{ digest: string }>(e, "replicate", {
      registry: registry.name,
      repository: repo,
      tag: "v1",
      region: regionOf(host),
    });
    expect(pushed.digest).toMatch(/^sha256:[a-f0-9]{64}$/);

    const unauthenticated = await headManifest(host, repo, "v1", "not-a-token");
    expect(unauthenticated.status).toBe(401);
    expect(unauthenticated.headers["www-authenticate"]).toContain(
      `scope="repository:${repo}:pull"`,
    );

    // Tokens obtained on the global name work on the regional host too.
    const token = await pullToken(login, login, repo);
    expect(
      (await registryRequest(host, "/v2/", { headers: { authorization: `Bearer ${token}` } })).body,
    ).toBe("{}");
    const head = await headManifest(host, repo, "v1", token);
    expect(head.status).toBe(200);
    expect(head.headers["docker-content-digest"]).toBe(pushed.digest);
    expect(head.headers["content-type"]).toBe("application/vnd.oci.image.manifest.v1+json");
    expect(Number(head.headers["content-length"])).toBeGreaterThan(0);

    const other = await registryRequest(host, `/v2/${repo}/manifests/no-such-tag`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(other.status).toBe(404);
    expect(JSON.parse(other.body)).toMatchObject({ errors: [{ code: "MANIFEST_UNKNOWN" }] });

    const wrongScope = await headManifest(host, "dataplane-test/other", "v1", token);
    expect(wrongScope.status).toBe(401);
    expect(wrongScope.headers["www-authenticate"]).toContain('error="insufficient_scope"');
  });

  it("replicates a pushed digest to the other replicas only after the lag", async () => {
    const registry = withRegionalEndpoints();
    const [first, second] = registry.properties.regionalEndpointHostNames! as [string, string];
    const repo = "dataplane-test/lag";
    const token = await pullToken(first, registry.properties.loginServer, repo);
    const old = await control<{ digest: string; arrivesAt: Record<string, string> }>(
      e,
      "replicate",
      {
        registry: registry.properties.loginServer,
        repository: repo,
        tag: "v1",
        region: regionOf(first),
      },
    );
    // Before the lag, the other replica has not received the tag at all.
    const before = await registryRequest(second, `/v2/${repo}/manifests/v1`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (Date.now() < Date.parse(old.arrivesAt[regionOf(second)]!)) {
      expect(before.status).toBe(404);
      expect(JSON.parse(before.body)).toMatchObject({ errors: [{ code: "MANIFEST_UNKNOWN" }] });
    }
    await waitForDigest(second, repo, token, old.digest, old.arrivesAt[regionOf(second)]!);

    const pushed = await control<{ digest: string; arrivesAt: Record<string, string> }>(
      e,
      "replicate",
      { registry: registry.name, repository: repo, tag: "v1", region: regionOf(first) },
    );
    expect(pushed.digest).not.toBe(old.digest);
    expect((await headManifest(first, repo, "v1", token)).headers["docker-content-digest"]).toBe(
      pushed.digest,
    );
    const stale = await headManifest(second, repo, "v1", token);
    if (Date.now() < Date.parse(pushed.arrivesAt[regionOf(second)]!)) {
      expect(stale.headers["docker-content-digest"]).toBe(old.digest);
    }
    await waitForDigest(second, repo, token, pushed.digest, pushed.arrivesAt[regionOf(second)]!);
  });

  it("takes a push's own lag when it names one, and refuses a lag out of range", async () => {
    const registry = withRegionalEndpoints();
    const [first, second] = registry.properties.regionalEndpointHostNames! as [string, string];
    const body = {
      registry: registry.name,
      repository: "dataplane-test/own-lag",
      tag: "v1",
      region: regionOf(first),
    };
    const before = Date.now();
    const pushed = await control<{ arrivesAt: Record<string, string> }>(e, "replicate", {
      ...body,
      lagMs: 120_000,
    });
    const arrives = Date.parse(pushed.arrivesAt[regionOf(second)]!);
    expect(arrives - before).toBeGreaterThanOrEqual(119_000);
    await expect(control(e, "replicate", { ...body, lagMs: -1 })).rejects.toThrow(
      /400 .*'lagMs' must be a whole number/,
    );
  });

  it("sends the global name to the replica with the lowest RTT, and away from a region that is down", async () => {
    const registry = withRegionalEndpoints();
    const routed = (await replicas(registry)).filter((r) => r.properties.regionEndpointEnabled);
    expect(routed.length).toBeGreaterThanOrEqual(2);
    const [fast, next, ...rest] = routed.map((r) => r.name) as [string, string, ...string[]];
    await control(e, `regions/${fast}`, { latencyMs: 1 });
    await control(e, `regions/${next}`, { latencyMs: 20 });
    for (const region of rest) await control(e, `regions/${region}`, { latencyMs: 150 });
    const repo = "dataplane-test/routing";
    const login = registry.properties.loginServer;
    const token = await pullToken(login, login, repo);
    // The next replica gets one digest and the fastest a newer one; until the lag has passed
    // the digest the global name answers tells which replica it landed on.
    const older = await control<{ digest: string }>(e, "replicate", {
      registry: registry.name,
      repository: repo,
      tag: "v1",
      region: next,
    });
    const newer = await control<{ digest: string; arrivesAt: Record<string, string> }>(
      e,
      "replicate",
      { registry: registry.name, repository: repo, tag: "v1", region: fast },
    );
    expect((await headManifest(login, repo, "v1", token)).headers["docker-content-digest"]).toBe(
      newer.digest,
    );
    await control(e, `regions/${fast}`, { down: true });
    const failover = await headManifest(login, repo, "v1", token);
    if (Date.now() < Date.parse(newer.arrivesAt[next]!)) {
      expect(failover.headers["docker-content-digest"]).toBe(older.digest);
    }
    const regionalOfFast = registry.properties.regionalEndpointHostNames!.find(
      (h) => regionOf(h) === fast,
    )!;
    await expect(registryRequest(regionalOfFast, "/v2/")).rejects.toMatchObject({
      code: "ECONNRESET",
    });
  });

  it("injects each region's RTT into every client-to-server flight (measured with curl)", async () => {
    const registry = withRegionalEndpoints();
    const [slowHost, quickHost] = registry.properties.regionalEndpointHostNames! as [
      string,
      string,
    ];
    await control(e, `regions/${regionOf(slowHost)}`, { latencyMs: 100 });
    await control(e, `regions/${regionOf(quickHost)}`, { latencyMs: 10 });
    const slow: { tlsMs: number; ttfbMs: number }[] = [];
    const quick: { tlsMs: number; ttfbMs: number }[] = [];
    for (let i = 0; i < 9; i++) {
      const s = await curlTimes(slowHost);
      const q = await curlTimes(quickHost);
      expect(s.status).toBe(401);
      expect(q.status).toBe(401);
      slow.push(s);
      quick.push(q);
    }
    const figures = (samples: { tlsMs: number; ttfbMs: number }[]) => {
      const ttfb = samples.map((s) => s.ttfbMs);
      return {
        ttfbMin: Math.min(...ttfb),
        ttfbMedian: median(ttfb),
        tlsMedian: median(samples.map((s) => s.tlsMs)),
      };
    };
    const at100 = figures(slow);
    const at10 = figures(quick);
    console.log(`curl against injected RTT: ${JSON.stringify({ rtt100: at100, rtt10: at10 })}`);
    // The issue asks for curl's TTFB within a few ms of the injected RTT. The RTT is a floor that
    // CPU contention on a shared machine can only add to, so the fastest sample is compared
    // (curl stamps pretransfer just after sending, hence the small allowance below the floor).
    expect(at100.ttfbMin).toBeGreaterThanOrEqual(98);
    expect(at100.ttfbMin).toBeLessThanOrEqual(104);
    expect(at10.ttfbMin).toBeGreaterThanOrEqual(8);
    expect(at10.ttfbMin).toBeLessThanOrEqual(14);
    // The TLS 1.3 handshake costs one RTT (plus its crypto); the 10 ms region stays apart.
    expect(at100.tlsMedian).toBeGreaterThanOrEqual(99);
    expect(at10.ttfbMedian).toBeLessThan(at100.ttfbMin);
  });

  it("refuses connections of a region that is down, and recovers", async () => {
    const host = withRegionalEndpoints().properties.regionalEndpointHostNames![0]!;
    await control(e, `regions/${regionOf(host)}`, { down: true, latencyMs: 5 });
    await expect(registryRequest(host, "/v2/")).rejects.toMatchObject({ code: "ECONNRESET" });
    const curl = await run("curl", [
      "-s",
      "--connect-to",
      `${host}:443:${dataIp}:${dataPort}`,
      "--cacert",
      e.caFile,
      `https://${host}/v2/`,
    ]).catch((err: { code: number }) => err);
    expect(curl).toMatchObject({ code: 35 }); // curl: SSL connect error (connection reset)
    await control(e, `regions/${regionOf(host)}`, { down: false });
    expect((await registryRequest(host, "/v2/")).status).toBe(401);
  });

  it("forces a region's answers to 403, 429 (with Retry-After) or 503 in ACR's error format", async () => {
    const host = withRegionalEndpoints().properties.regionalEndpointHostNames![0]!;
    const region = regionOf(host);
    await control(e, `regions/${region}`, { status: 403, latencyMs: 0 });
    const denied = await registryRequest(host, "/v2/");
    expect(denied.status).toBe(403);
    expect(JSON.parse(denied.body)).toMatchObject({ errors: [{ code: "DENIED" }] });
    await control(e, `regions/${region}`, { status: 429 });
    const throttled = await registryRequest(host, "/oauth2/token");
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers["retry-after"])).toBeGreaterThan(0);
    expect(JSON.parse(throttled.body)).toMatchObject({ errors: [{ code: "TOOMANYREQUESTS" }] });
    await control(e, `regions/${region}`, { status: 503 });
    expect((await registryRequest(host, "/v2/")).status).toBe(503);
    await control(e, `regions/${region}`, { status: null });
    expect((await registryRequest(host, "/v2/")).status).toBe(401);
  });

  it("validates region and replicate control input", async () => {
    const host = withRegionalEndpoints().properties.regionalEndpointHostNames![0]!;
    await expect(control(e, `regions/${regionOf(host)}`, { latencyMs: -1 })).rejects.toThrow(/400/);
    await expect(control(e, `regions/${regionOf(host)}`, { status: 500 })).rejects.toThrow(/400/);
    await expect(control(e, "regions/atlantis", { down: true })).rejects.toThrow(/404/);
    await expect(
      control(e, "replicate", {
        registry: "nosuchregistry",
        repository: "a",
        tag: "b",
        region: "eastus",
      }),
    ).rejects.toThrow(/404/);
  });
});

/** Polls the replica until it serves `digest`; it must not take much longer than `arrivesAt`. */
async function waitForDigest(
  host: string,
  repo: string,
  token: string,
  digest: string,
  arrivesAt: string,
) {
  const deadline = Date.parse(arrivesAt) + 5_000;
  for (;;) {
    const res = await headManifest(host, repo, "v1", token);
    if (res.headers["docker-content-digest"] === digest) {
      expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(arrivesAt));
      return;
    }
    if (Date.now() > deadline) throw new Error(`${host} never received ${digest}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
