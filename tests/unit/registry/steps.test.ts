import { describe, expect, it } from "vitest";
import { challengeStep } from "@/lib/registry/connectivity";
import { blobStep, manifestStep, tokenStep } from "@/lib/registry/data-steps";
import type { RegistryHttp, RegistryReply } from "@/lib/registry/http";
import type { Registry } from "@/lib/types";

/** A RegistryHttp that answers from a table of `METHOD host path` -> reply, recording calls. */
function fakeHttp(answers: Record<string, Partial<RegistryReply>>) {
  const calls: string[] = [];
  const http = {
    send: async (host: string, path: string, init: { method?: string } = {}) => {
      const key = `${init.method ?? "GET"} ${host}${path.split("?")[0]}`;
      calls.push(key);
      const a = answers[key];
      if (!a) throw Object.assign(new Error(`unexpected ${key}`), { code: "ECONNREFUSED" });
      return { status: 200, headers: {}, body: "", ms: 1, ...a };
    },
  } as unknown as RegistryHttp;
  return { http, calls };
}

const HOST = "contosoprod.westeurope.geo.azurecr.io";
const registry = {
  name: "contosoprod",
  loginServer: "contosoprod.azurecr.io",
  publicNetworkAccess: "Enabled",
  dataEndpointEnabled: false,
  dataEndpointHostNames: [],
} as unknown as Registry;
const allowed = new Set([HOST, "contosoprod.azurecr.io"]);
const challenge = `Bearer realm="https://${HOST}/oauth2/token",service="${HOST}"`;
const jwt = (access: unknown) =>
  `e30.${Buffer.from(JSON.stringify({ access })).toString("base64url")}.sig`;

describe("challenge step", () => {
  it("passes on 401 with a Bearer challenge naming the host", async () => {
    const { http } = fakeHttp({
      [`GET ${HOST}/v2/`]: { status: 401, headers: { "www-authenticate": challenge } },
    });
    const out = await challengeStep(http, HOST, registry, allowed);
    expect(out.step.status).toBe("pass");
    expect(out.realmHost).toBe(HOST);
  });

  it("fails 403 as forbidden, with public network access named when it is off", async () => {
    const { http } = fakeHttp({
      [`GET ${HOST}/v2/`]: { status: 403, body: '{"errors":[{"code":"DENIED","message":"no"}]}' },
    });
    const firewall = await challengeStep(http, HOST, registry, allowed);
    expect(firewall.step.code).toBe("CONNECTIVITY_FORBIDDEN_ERROR");
    expect(firewall.step.advice).toContain("firewall");
    const off = await challengeStep(
      http,
      HOST,
      { ...registry, publicNetworkAccess: "Disabled" },
      allowed,
    );
    expect(off.step.advice).toContain("public network access is Disabled");
  });

  it("fails 429 as throttled and a realm on a host ARM does not list as a bad challenge", async () => {
    const throttled = fakeHttp({ [`GET ${HOST}/v2/`]: { status: 429 } });
    expect((await challengeStep(throttled.http, HOST, registry, allowed)).step.code).toBe(
      "CONNECTIVITY_TOOMANYREQUESTS_ERROR",
    );
    const foreign = fakeHttp({
      [`GET ${HOST}/v2/`]: {
        status: 401,
        headers: { "www-authenticate": 'Bearer realm="https://evil.example/token",service="x"' },
      },
    });
    const out = await challengeStep(foreign.http, HOST, registry, allowed);
    expect(out.step.code).toBe("CONNECTIVITY_CHALLENGE_ERROR");
    expect(out.realmHost).toBeUndefined();
  });
});

describe("token step", () => {
  const input = {
    realmHost: HOST,
    service: HOST,
    tenant: "t",
    entraToken: "e",
    repository: "web/frontend",
  };

  it("passes when the access token grants pull on the repository", async () => {
    const { http } = fakeHttp({
      [`POST ${HOST}/oauth2/exchange`]: { body: '{"refresh_token":"r"}' },
      [`POST ${HOST}/oauth2/token`]: {
        body: JSON.stringify({
          access_token: jwt([{ type: "repository", name: "web/frontend", actions: ["pull"] }]),
        }),
      },
    });
    const out = await tokenStep(http, input);
    expect(out.step.status).toBe("pass");
    expect(out.token).toBeTruthy();
  });

  it("fails with insufficient_scope when the token grants no pull", async () => {
    const { http } = fakeHttp({
      [`POST ${HOST}/oauth2/exchange`]: { body: '{"refresh_token":"r"}' },
      [`POST ${HOST}/oauth2/token`]: {
        body: JSON.stringify({
          access_token: jwt([{ type: "repository", name: "web/frontend", actions: [] }]),
        }),
      },
    });
    const out = await tokenStep(http, input);
    expect(out.step.status).toBe("fail");
    expect(out.step.code).toBe("insufficient_scope");
    expect(out.step.message).toBe("ACR granted no action for repository:web/frontend:pull");
    expect(out.step.advice).toContain("AcrPull");
    expect(out.step.advice).toContain("Container Registry Repository Reader");
    expect(out.token).toBeUndefined();
  });

  it("fails a refused exchange with ACR's code and role advice", async () => {
    const { http } = fakeHttp({
      [`POST ${HOST}/oauth2/exchange`]: {
        status: 401,
        body: '{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}',
      },
    });
    const out = await tokenStep(http, input);
    expect(out.step.code).toBe("CONNECTIVITY_REFRESH_TOKEN_ERROR");
    expect(out.step.message).toContain("UNAUTHORIZED");
    expect(out.step.advice).toContain("AcrPull");
  });
});

describe("manifest and blob steps", () => {
  const digest = `sha256:${"d".repeat(64)}`;
  const config = `sha256:${"c".repeat(64)}`;

  it("reads the digest, and a missing tag as not yet replicated", async () => {
    const ok = fakeHttp({
      [`HEAD ${HOST}/v2/web/frontend/manifests/1.4.2`]: {
        headers: { "docker-content-digest": digest },
      },
    });
    const found = await manifestStep(ok.http, {
      host: HOST,
      token: "t",
      repository: "web/frontend",
      tag: "1.4.2",
    });
    expect(found.digest).toBe(digest);
    const missing = fakeHttp({ [`HEAD ${HOST}/v2/web/frontend/manifests/1.4.2`]: { status: 404 } });
    const out = await manifestStep(missing.http, {
      host: HOST,
      token: "t",
      repository: "web/frontend",
      tag: "1.4.2",
    });
    expect(out.step.code).toBe("MANIFEST_UNKNOWN");
    expect(out.step.advice).toContain("eventually consistent");
  });

  it("does not follow a redirect to a host outside ARM's list", async () => {
    const { http, calls } = fakeHttp({
      [`GET ${HOST}/v2/web/frontend/manifests/${digest}`]: {
        body: JSON.stringify({ config: { digest: config } }),
      },
      [`GET ${HOST}/v2/web/frontend/blobs/${config}`]: {
        status: 307,
        headers: { location: "https://evil.example/blob" },
      },
    });
    const step = await blobStep(http, registry, {
      host: HOST,
      region: "westeurope",
      token: "t",
      repository: "web/frontend",
      digest,
    });
    expect(step.status).toBe("fail");
    expect(step.code).toBe("REDIRECT_NOT_ALLOWED");
    expect(calls.some((c) => c.includes("evil.example"))).toBe(false);
  });

  it("follows a redirect to storage and passes on the download", async () => {
    const { http } = fakeHttp({
      [`GET ${HOST}/v2/web/frontend/manifests/${digest}`]: {
        body: JSON.stringify({ config: { digest: config } }),
      },
      [`GET ${HOST}/v2/web/frontend/blobs/${config}`]: {
        status: 307,
        headers: { location: "https://acct1.blob.core.windows.net/x/data?sig=1" },
      },
      "GET acct1.blob.core.windows.net/x/data": { status: 206 },
    });
    const step = await blobStep(http, registry, {
      host: HOST,
      region: "westeurope",
      token: "t",
      repository: "web/frontend",
      digest,
    });
    expect(step.status).toBe("pass");
    expect(step.detail).toContain("storage acct1.blob.core.windows.net");
  });
});
