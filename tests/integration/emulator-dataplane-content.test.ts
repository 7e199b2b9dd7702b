import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { automationToken, control } from "../support/emulator-client";
import { formPost, registryRequest } from "../support/registry-request";

/*
 * The emulator's catalog and tag lists, scope enforcement on them and on blobs, and blob
 * downloads redirected (307) to the serving region's data endpoint or storage account.
 */

const e = inject("emulator");
const ca = readFileSync(e.caFile, "utf8");
const send = (host: string, path: string, init?: Parameters<typeof registryRequest>[4]) =>
  registryRequest(e.dataPlaneAddress, ca, host, path, init);

const PROD = "contosoprod.azurecr.io";
const PROD_WEST = "contosoprod.westeurope.geo.azurecr.io";
const SHARED = "sharedbase.azurecr.io";

async function accessToken(host: string, scope: string): Promise<string> {
  const entra = await automationToken(e);
  const exchange = await send(
    host,
    "/oauth2/exchange",
    formPost({
      grant_type: "access_token",
      service: host,
      tenant: e.tenantId,
      access_token: entra,
    }),
  );
  expect(exchange.status).toBe(200);
  const { refresh_token } = JSON.parse(exchange.body) as { refresh_token: string };
  const token = await send(
    host,
    "/oauth2/token",
    formPost({ grant_type: "refresh_token", service: host, scope, refresh_token }),
  );
  return (JSON.parse(token.body) as { access_token: string }).access_token;
}

const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

beforeAll(async () => {
  await control(e, "reset");
});

describe("catalog and tags", () => {
  it("needs registry:catalog:* for the catalog and pages it with a Link header", async () => {
    const none = await send(PROD, "/v2/_catalog");
    expect(none.status).toBe(401);
    expect(none.headers["www-authenticate"]).toContain('scope="registry:catalog:*"');
    const wrong = await send(
      PROD,
      "/v2/_catalog",
      bearer(await accessToken(PROD, "repository:web/frontend:pull")),
    );
    expect(wrong.status).toBe(401);
    expect(wrong.headers["www-authenticate"]).toContain('error="insufficient_scope"');

    const token = await accessToken(PROD, "registry:catalog:*");
    const first = await send(PROD, "/v2/_catalog?n=2", bearer(token));
    expect(first.status).toBe(200);
    expect(JSON.parse(first.body)).toEqual({ repositories: ["api/orders", "web/checkout"] });
    expect(first.headers.link).toBe('</v2/_catalog?last=web%2Fcheckout&n=2>; rel="next"');
    const next = await send(PROD, "/v2/_catalog?last=web%2Fcheckout&n=2", bearer(token));
    expect(JSON.parse(next.body)).toEqual({ repositories: ["web/frontend"] });
    expect(next.headers.link).toBeUndefined();
  });

  it("lists the tags the serving replica holds, with pull on the repository", async () => {
    const token = await accessToken(PROD_WEST, "repository:web/frontend:pull");
    const tags = await send(PROD_WEST, "/v2/web/frontend/tags/list", bearer(token));
    expect(JSON.parse(tags.body)).toEqual({ name: "web/frontend", tags: ["1.4.2", "latest"] });
    const other = await send(PROD_WEST, "/v2/api/orders/tags/list", bearer(token));
    expect(other.status).toBe(401);
    // A tag pushed to one replica is listed there at once and elsewhere after the lag.
    await control(e, "replicate", {
      registry: "contosoprod",
      repository: "web/frontend",
      tag: "2.0.0",
      region: "eastus",
    });
    const west = await send(PROD_WEST, "/v2/web/frontend/tags/list", bearer(token));
    expect(JSON.parse(west.body).tags).not.toContain("2.0.0");
  });
});

describe("blobs", () => {
  async function configBlob(host: string, repo: string, tag: string, token: string) {
    const index = await send(host, `/v2/${repo}/manifests/${tag}`, bearer(token));
    const doc = JSON.parse(index.body) as {
      config?: { digest: string };
      manifests?: { digest: string }[];
    };
    if (doc.config) return doc.config.digest;
    const child = await send(
      host,
      `/v2/${repo}/manifests/${doc.manifests![0]!.digest}`,
      bearer(token),
    );
    expect(child.status).toBe(200);
    return (JSON.parse(child.body) as { config: { digest: string } }).config.digest;
  }

  it("redirects to the region's storage account without dedicated data endpoints", async () => {
    const token = await accessToken(PROD_WEST, "repository:web/frontend:pull");
    const blob = await configBlob(PROD_WEST, "web/frontend", "1.4.2", token);
    const none = await send(PROD_WEST, `/v2/web/frontend/blobs/${blob}`);
    expect(none.status).toBe(401);
    const redirect = await send(PROD_WEST, `/v2/web/frontend/blobs/${blob}`, bearer(token));
    expect(redirect.status).toBe(307);
    const location = new URL(String(redirect.headers.location));
    expect(location.hostname).toMatch(/^acr[a-f0-9]{21}\.blob\.core\.windows\.net$/);
    const download = await send(location.hostname, `${location.pathname}${location.search}`);
    expect(download.status).toBe(200);
    expect(download.headers["content-type"]).toBe("application/octet-stream");
    // A tampered signature is refused as Azure Storage refuses it.
    const forged = await send(
      location.hostname,
      `${location.pathname}?se=2099-01-01T00:00:00Z&sig=x`,
    );
    expect(forged.status).toBe(403);
    expect(forged.body).toContain("<Code>AuthenticationFailed</Code>");
    const unknown = await send(
      PROD_WEST,
      `/v2/web/frontend/blobs/sha256:${"0".repeat(64)}`,
      bearer(token),
    );
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body).errors[0].code).toBe("BLOB_UNKNOWN");
  });

  it("redirects to the dedicated data endpoint of the region that served the request", async () => {
    const token = await accessToken(SHARED, "repository:base/ubuntu:pull");
    const blob = await configBlob(SHARED, "base/ubuntu", "24.04", token);
    const redirect = await send(SHARED, `/v2/base/ubuntu/blobs/${blob}`, bearer(token));
    expect(redirect.status).toBe(307);
    const location = new URL(String(redirect.headers.location));
    // The global name lands on the lowest-RTT replica from the console's vantage (eastus).
    expect(location.hostname).toBe("sharedbase.eastus.data.azurecr.io");
    const download = await send(location.hostname, `${location.pathname}${location.search}`);
    expect(download.status).toBe(200);
  });
});
