import { describe, expect, inject, it } from "vitest";
import { automationToken, caFetch } from "../support/emulator-client";

/*
 * What a client learns from the emulator's ARM URL alone (cloud metadata, without a token), and
 * ARM's own error envelope on every path ARM would own.
 */

const endpoints = inject("emulator");
const fetch = caFetch(endpoints);
const arm = endpoints.armEndpoint;

async function getJson(path: string, token?: string) {
  const res = await fetch(`${arm}${path}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return { res, body: (await res.json()) as Record<string, unknown> & unknown[] };
}

describe("GET /metadata/endpoints", () => {
  it.each(["2019-05-01", "2020-06-01", "2022-09-01"])(
    "answers the cloud list at %s without a token, pointing at the emulator",
    async (version) => {
      const { res, body } = await getJson(`/metadata/endpoints?api-version=${version}`);
      expect(res.status).toBe(200);
      expect(res.headers.get("x-ms-request-id")).toBeTruthy();
      expect(body).toHaveLength(1);
      expect(body[0]).toEqual({
        name: "AzureEmulator",
        portal: arm,
        resourceManager: `${arm}/`,
        authentication: {
          loginEndpoint: `${arm}/`,
          audiences: ["https://management.core.windows.net/", "https://management.azure.com/"],
          tenant: "common",
          identityProvider: "AAD",
        },
        suffixes: { acrLoginServer: "azurecr.io" },
      });
    },
  );

  it.each(["1.0", "2015-01-01"])("answers the first versions' single object at %s", async (v) => {
    const { res, body } = await getJson(`/metadata/endpoints?api-version=${v}`);
    expect(res.status).toBe(200);
    expect(body).toMatchObject({
      authentication: {
        loginEndpoint: `${arm}/`,
        audiences: ["https://management.core.windows.net/", "https://management.azure.com/"],
      },
      graphEndpoint: `${arm}/`,
    });
  });

  it("leads a client from the login endpoint to a token ARM accepts", async () => {
    const { body } = await getJson("/metadata/endpoints?api-version=2022-09-01");
    const cloud = body[0] as { authentication: { loginEndpoint: string; audiences: string[] } };
    const authority = `${cloud.authentication.loginEndpoint}${endpoints.tenantId}`;
    const discovery = await fetch(`${authority}/v2.0/.well-known/openid-configuration`);
    const { token_endpoint } = (await discovery.json()) as { token_endpoint: string };
    const res = await fetch(token_endpoint, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: endpoints.automationClient.clientId,
        client_secret: endpoints.automationClient.clientSecret,
        // The Azure CLI asks for the first audience's `.default` (note the double slash).
        scope: `${cloud.authentication.audiences[0]}/.default`,
      }).toString(),
    });
    const { access_token } = (await res.json()) as { access_token: string };
    const subscriptions = await getJson("/subscriptions?api-version=2022-12-01", access_token);
    expect(subscriptions.res.status).toBe(200);
  });

  it("refuses a missing or unknown api-version with ARM's errors", async () => {
    expect((await getJson("/metadata/endpoints")).body).toMatchObject({
      error: { code: "MissingApiVersionParameter" },
    });
    const unknown = await getJson("/metadata/endpoints?api-version=2017-12-01");
    expect(unknown.res.status).toBe(400);
    expect(unknown.body).toMatchObject({ error: { code: "InvalidApiVersionParameter" } });
  });
});

describe("paths under ARM that the emulator does not serve", () => {
  it.each([
    "/foo",
    "/metadata/other?api-version=2022-09-01",
    "/providers/Microsoft.ContainerRegistry/operations?api-version=2025-11-01",
    "/resourceGroups?api-version=2021-04-01",
    "/favicon.ico",
  ])("%s answers ARM's envelope: 401 without a token, 404 with one", async (path) => {
    const anonymous = await getJson(path);
    expect(anonymous.res.status).toBe(401);
    expect(anonymous.body).toEqual({
      error: { code: "AuthenticationFailed", message: expect.any(String) },
    });
    expect(anonymous.res.headers.get("x-ms-request-id")).toBeTruthy();
    const signedIn = await getJson(path, await automationToken(endpoints));
    expect(signedIn.res.status).toBe(404);
    expect(signedIn.body).toEqual({ error: { code: "NotFound", message: expect.any(String) } });
  });
});

describe("GET /tenants", () => {
  it("lists the caller's home tenant, as az login asks", async () => {
    const { res, body } = await getJson(
      "/tenants?api-version=2022-12-01",
      await automationToken(endpoints),
    );
    expect(res.status).toBe(200);
    expect(body).toEqual({
      value: [
        expect.objectContaining({
          id: `/tenants/${endpoints.tenantId}`,
          tenantId: endpoints.tenantId,
          tenantCategory: "Home",
          defaultDomain: "contoso.example",
        }),
      ],
    });
  });
});
