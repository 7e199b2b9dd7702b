import { readFileSync } from "node:fs";
import { join } from "node:path";
import { decodeJwt, importJWK, SignJWT, type JWK } from "jose";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { GET as getSubscriptions } from "@/app/api/subscriptions/route";
import type { EmulatorState } from "../../emulator/store/types";
import { automationToken, caFetch } from "../support/emulator-client";
import { formPost, registryRequest } from "../support/registry-request";
import { callRoute, pointConsoleAtEmulator, tokenFor } from "./console-api-support";

/*
 * Entra issues ARM access tokens in the v1 format; so does the emulated identity. The console's
 * verifier (its v1 path: issuer sts.windows.net, `upn` instead of `preferred_username`) and the
 * emulator's ARM and data plane accept them, and ARM still accepts v2-shaped tokens.
 */

const endpoints = pointConsoleAtEmulator();
const stateDir = inject("emulatorDir");
const fetch = caFetch(endpoints);
const ca = readFileSync(endpoints.caFile, "utf8");
const ARM = "https://management.azure.com";
const state = JSON.parse(readFileSync(join(stateDir, "state.json"), "utf8")) as EmulatorState;
const operator = state.principals.find((p) => p.persona === "operator")!;
const signingKey = (
  JSON.parse(readFileSync(join(stateDir, "identity-keys.json"), "utf8")) as { signingKey: JWK }
).signingKey;

/** A token signed with the identity's own key, with the claims given (what a test can forge). */
async function mint(claims: Record<string, unknown>): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    tid: endpoints.tenantId,
    oid: operator.objectId,
    sub: operator.objectId,
    ...claims,
  })
    .setProtectedHeader({ alg: "RS256", typ: "JWT", kid: signingKey.kid })
    .setIssuedAt(now)
    .setExpirationTime(now + 600)
    .sign(await importJWK(signingKey, "RS256"));
}

async function armStatus(token: string): Promise<number> {
  const res = await fetch(`${endpoints.armEndpoint}/subscriptions?api-version=2022-12-01`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return res.status;
}

/** The Azure CLI's way: client credentials for `https://management.core.windows.net//.default`. */
async function cliStyleToken(): Promise<string> {
  const res = await fetch(endpoints.tokenEndpoint, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: endpoints.automationClient.clientId,
      client_secret: endpoints.automationClient.clientSecret,
      scope: "https://management.core.windows.net//.default",
    }).toString(),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

let userV1: string;
beforeAll(async () => {
  userV1 = await tokenFor(endpoints, "operator");
});

describe("the identity issues v1 ARM tokens", () => {
  it("for a user signed in through the v2.0 endpoint, as Entra does for ARM", () => {
    expect(decodeJwt(userV1)).toMatchObject({
      iss: `https://sts.windows.net/${endpoints.tenantId}/`,
      ver: "1.0",
      aud: ARM,
      upn: operator.username,
    });
  });

  it("with the audience as asked: management.core.windows.net/ for the CLI's scope", async () => {
    expect(decodeJwt(await cliStyleToken())).toMatchObject({
      aud: "https://management.core.windows.net/",
      ver: "1.0",
      idtyp: "app",
    });
  });
});

describe("the console accepts them end to end", () => {
  it("a signed-in user's v1 token reaches ARM through /api/subscriptions", async () => {
    const res = await callRoute(getSubscriptions, { token: userV1 });
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).toContain("6b1f3e2a-4c5d-4e8f-9a0b-1c2d3e4f5a60");
  });

  it("refuses a v1 token of another tenant, even signed by the right key", async () => {
    const other = "0f0f0f0f-0000-4000-8000-000000000000";
    const token = await mint({
      iss: `https://sts.windows.net/${other}/`,
      tid: other,
      aud: ARM,
      ver: "1.0",
    });
    const res = await callRoute(getSubscriptions, { token });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("InvalidToken");
  });
});

describe("the emulator's ARM accepts v1 and v2 tokens", () => {
  it.each([
    ["a user's v1 token", () => Promise.resolve(userV1)],
    ["an app's v1 token", () => automationToken(endpoints)],
    ["a v1 token for management.core.windows.net/", () => cliStyleToken()],
    [
      "a v2.0-shaped token",
      () => mint({ iss: endpoints.issuer, aud: ARM, ver: "2.0", azp: endpoints.spaClientId }),
    ],
    [
      "a v1 token minted by hand",
      () => mint({ iss: endpoints.accessTokenIssuer, aud: `${ARM}/`, ver: "1.0" }),
    ],
  ])("%s", async (_label, token) => {
    expect(await armStatus(await token())).toBe(200);
  });

  it.each([
    ["an issuer of another cloud", { iss: "https://sts.chinacloudapi.cn/x/", aud: ARM }],
    ["Graph's audience", { iss: endpoints.accessTokenIssuer, aud: "https://graph.microsoft.com" }],
  ])("but not %s", async (_label, claims) => {
    expect(await armStatus(await mint(claims))).toBe(401);
  });
});

describe("the data plane takes the CLI's token in the exchange", () => {
  it("az acr login's ARM token (aud management.core.windows.net/) gets a refresh token", async () => {
    const host = "contosoprod.azurecr.io";
    const reply = await registryRequest(
      endpoints.dataPlaneAddress,
      ca,
      host,
      "/oauth2/exchange",
      formPost({
        grant_type: "access_token",
        service: host,
        tenant: endpoints.tenantId,
        access_token: await cliStyleToken(),
      }),
    );
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toHaveProperty("refresh_token");
  });
});
