import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  createLocalJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  exportJWK,
  generateKeyPair,
  importJWK,
  jwtVerify,
  SignJWT,
  type JSONWebKeySet,
  type JWK,
} from "jose";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { InvalidTokenError, type Identity, type RequestLogEntry } from "../../emulator/contracts";
import { createIdentity } from "../../emulator/identity";
import type { EmulatorState } from "../../emulator/store/types";
import { automationToken, caFetch } from "../support/emulator-client";
import { ARM_USER_SCOPE, CookieJar, signIn, SignInError, userToken } from "../support/user-token";

const endpoints = inject("emulator");
const stateDir = inject("emulatorDir");
const fetch = caFetch(endpoints);
const ARM = "https://management.azure.com";
const CONSOLE_ORIGIN = "http://localhost:5173";

const state = JSON.parse(readFileSync(join(stateDir, "state.json"), "utf8")) as EmulatorState;
const operator = state.principals.find((p) => p.persona === "operator")!;
const automation = state.principals.find((p) => p.kind === "app")!;

async function discovery() {
  const res = await fetch(`${endpoints.authority}/v2.0/.well-known/openid-configuration`, {
    headers: { origin: CONSOLE_ORIGIN },
  });
  expect(res.status).toBe(200);
  return {
    res,
    doc: (await res.json()) as Record<string, string | string[]>,
  };
}

async function jwks() {
  const { doc } = await discovery();
  const res = await fetch(String(doc.jwks_uri));
  expect(res.status).toBe(200);
  return (await res.json()) as JSONWebKeySet;
}

function tokenRequest(form: Record<string, string>, origin?: string) {
  return fetch(endpoints.tokenEndpoint, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      ...(origin ? { origin } : {}),
    },
    body: new URLSearchParams(form).toString(),
  });
}

describe("discovery, as MSAL fetches it for an Entra authority", () => {
  it("serves the v2.0 document with Entra's endpoint layout under the tenant", async () => {
    const { res, doc } = await discovery();
    expect(res.headers.get("access-control-allow-origin")).toBe(CONSOLE_ORIGIN);
    expect(doc.issuer).toBe(`${endpoints.authority}/v2.0`);
    expect(doc.issuer).toBe(endpoints.issuer);
    expect(doc.authorization_endpoint).toBe(`${endpoints.authority}/oauth2/v2.0/authorize`);
    expect(doc.token_endpoint).toBe(endpoints.tokenEndpoint);
    expect(doc.token_endpoint).toBe(`${endpoints.authority}/oauth2/v2.0/token`);
    expect(doc.end_session_endpoint).toBe(`${endpoints.authority}/oauth2/v2.0/logout`);
    expect(doc.jwks_uri).toBe(`${endpoints.authority}/discovery/v2.0/keys`);
    expect(doc.code_challenge_methods_supported).toContain("S256");
    expect(doc.grant_types_supported).toEqual(
      expect.arrayContaining(["authorization_code", "refresh_token", "client_credentials"]),
    );
  });

  it("publishes one RS256 signing key and no private material", async () => {
    const { keys } = await jwks();
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: "RSA", alg: "RS256", use: "sig" });
    expect(keys[0]).not.toHaveProperty("d");
  });

  it("refuses another tenant the way Entra does", async () => {
    const res = await fetch(
      `${new URL(endpoints.authority).origin}/00000000-0000-4000-8000-000000000000/v2.0/.well-known/openid-configuration`,
    );
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe("invalid_tenant");
  });
});

describe("sign-in page", () => {
  it("lists the demo users with their passwords and has a labelled form", async () => {
    const authorize = new URL(`${endpoints.authority}/oauth2/v2.0/authorize`);
    authorize.search = new URLSearchParams({
      client_id: endpoints.spaClientId,
      response_type: "code",
      redirect_uri: "http://127.0.0.1:4000/auth/redirect",
      scope: `${ARM_USER_SCOPE} openid profile offline_access`,
      code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
      code_challenge_method: "S256",
    }).toString();
    const start = await fetch(authorize.href, { redirect: "manual" });
    expect(start.status).toBe(303);
    const jar = new CookieJar();
    jar.store(start);
    const page = await fetch(new URL(start.headers.get("location")!, authorize).href, {
      headers: { cookie: jar.header() },
    });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toMatch(/<label for="username">Username<\/label>/);
    expect(html).toMatch(/<label for="password">Password<\/label>/);
    expect(html).toMatch(/<button type="submit">Sign in<\/button>/);
    expect(html).not.toMatch(/<(script|link)[^>]+(src|href)="https?:/);
    for (const user of endpoints.users) {
      expect(html).toContain(user.username);
      expect(html).toContain(user.password);
      expect(html).toContain(user.displayName);
    }
  });

  it("refuses a wrong password and an unknown user with the form again", async () => {
    await expect(signIn(endpoints, operator.username!, "not-the-password")).rejects.toThrow(
      /sign-in refused: Your account or password is incorrect/,
    );
    await expect(signIn(endpoints, "nobody@contoso.example", "x")).rejects.toThrow(SignInError);
  });

  it("refuses a redirect URI outside the loopback hosts", async () => {
    await expect(
      signIn(endpoints, operator.username!, undefined, {
        redirectUri: "https://attacker.example/callback",
      }),
    ).rejects.toThrow(/no login form .* \(400\)/);
  });
});

describe("auth code + PKCE for the console (userToken)", () => {
  let tokens: Awaited<ReturnType<typeof signIn>>;
  beforeAll(async () => {
    tokens = await signIn(endpoints, operator.username!);
  });

  it("returns an ARM access token in Entra's v1 format, verifiable against the JWKS", async () => {
    // Entra issues ARM tokens in the v1 format (issuer sts.windows.net) from the v2.0 endpoint too.
    const { payload, protectedHeader } = await jwtVerify(
      tokens.access_token,
      createLocalJWKSet(await jwks()),
      { issuer: endpoints.accessTokenIssuer, audience: ARM, algorithms: ["RS256"] },
    );
    expect(endpoints.accessTokenIssuer).toBe(`https://sts.windows.net/${endpoints.tenantId}/`);
    expect(protectedHeader.typ).toBe("JWT");
    expect(payload).toMatchObject({
      aud: ARM,
      iss: endpoints.accessTokenIssuer,
      ver: "1.0",
      tid: endpoints.tenantId,
      oid: operator.objectId,
      sub: operator.objectId,
      name: operator.displayName,
      upn: operator.username,
      unique_name: operator.username,
      scp: "user_impersonation",
      idtyp: "user",
      appid: endpoints.spaClientId,
      appidacr: "0",
    });
    expect(payload.exp! - payload.iat!).toBe(3600);
    for (const v2Only of ["roles", "azp", "azpacr", "preferred_username"])
      expect(payload).not.toHaveProperty(v2Only);
    expect(tokens.scope).toBe(ARM_USER_SCOPE);
  });

  it("returns what MSAL needs for the account: id token with nonce and tid, client_info", async () => {
    const id = decodeJwt(tokens.id_token!);
    expect(id).toMatchObject({
      aud: endpoints.spaClientId,
      iss: endpoints.issuer,
      tid: endpoints.tenantId,
      oid: operator.objectId,
      preferred_username: operator.username,
      name: operator.displayName,
    });
    expect(typeof id.nonce).toBe("string");
    const info = JSON.parse(Buffer.from(tokens.client_info!, "base64url").toString("utf8"));
    expect(info).toEqual({ uid: operator.objectId, utid: endpoints.tenantId });
  });

  it("userToken gives the same kind of token for each seeded user", async () => {
    for (const user of endpoints.users) {
      const claims = decodeJwt(await userToken(endpoints, user.username));
      expect(claims.upn).toBe(user.username);
      expect(claims.name).toBe(user.displayName);
    }
  });

  it("renews with the refresh token from the browser origin (CORS), as MSAL does", async () => {
    const form = {
      client_id: endpoints.spaClientId,
      grant_type: "refresh_token",
      refresh_token: tokens.refresh_token!,
      scope: `${ARM_USER_SCOPE} openid profile offline_access`,
      client_info: "1",
    };
    const res = await tokenRequest(form, CONSOLE_ORIGIN);
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe(CONSOLE_ORIGIN);
    const body = (await res.json()) as { access_token: string; id_token: string; scope: string };
    expect(body.scope).toBe(ARM_USER_SCOPE);
    expect(decodeJwt(body.access_token)).toMatchObject({ oid: operator.objectId, aud: ARM });
    // The same refresh token keeps working (two tabs renewing at once must not lock each other out).
    expect((await tokenRequest(form, CONSOLE_ORIGIN)).status).toBe(200);
  });

  it("redeems the refresh token for `.default` of the same API, as Entra does", async () => {
    const res = await tokenRequest({
      client_id: endpoints.spaClientId,
      grant_type: "refresh_token",
      refresh_token: tokens.refresh_token!,
      scope: `${ARM}/.default openid profile offline_access`,
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { access_token: string; scope: string };
    expect(body.scope).toBe(`${ARM}/.default`);
    expect(decodeJwt(body.access_token)).toMatchObject({ aud: ARM, scp: "user_impersonation" });
  });

  it("refuses token requests from an origin that is not a loopback address", async () => {
    const res = await tokenRequest(
      {
        client_id: endpoints.spaClientId,
        grant_type: "refresh_token",
        refresh_token: tokens.refresh_token!,
      },
      "https://attacker.example",
    );
    expect(res.status).toBe(400);
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("refuses a refresh token that was never issued", async () => {
    const res = await tokenRequest({
      client_id: endpoints.spaClientId,
      grant_type: "refresh_token",
      refresh_token: "forged-refresh-token",
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe("invalid_grant");
  });
});

describe("session: silent sign-in (prompt=none) and sign-out", () => {
  it("signs in again silently from the session cookie, and not after logout", async () => {
    const jar = new CookieJar();
    await signIn(endpoints, operator.username!, undefined, { jar });
    const silent = await signIn(endpoints, operator.username!, "ignored", { jar, prompt: "none" });
    expect(decodeJwt(silent.access_token).oid).toBe(operator.objectId);

    // MSAL's logoutRedirect: only post_logout_redirect_uri (and state), no client_id.
    const back = "http://localhost:5173/signed-out";
    const logout = await fetch(
      `${endpoints.authority}/oauth2/v2.0/logout?post_logout_redirect_uri=${encodeURIComponent(back)}&state=s1`,
      { headers: { cookie: jar.header() } },
    );
    expect(logout.status).toBe(200);
    const html = await logout.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1];
    expect(action).toBeTruthy();
    const confirm = await fetch(new URL(action!, endpoints.authority).href, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.header() },
      body: new URLSearchParams({ xsrf: xsrf ?? "", logout: "yes" }).toString(),
    });
    expect(confirm.status).toBe(303);
    expect(confirm.headers.get("location")).toBe(`${back}?state=s1`);
    jar.store(confirm);

    await expect(
      signIn(endpoints, operator.username!, "ignored", { jar, prompt: "none" }),
    ).rejects.toThrow(/login_required/);
  });
});

describe("client credentials for the automation client", () => {
  it("automationToken returns an app token for ARM", async () => {
    const token = await automationToken(endpoints);
    const { payload } = await jwtVerify(token, createLocalJWKSet(await jwks()), {
      issuer: endpoints.accessTokenIssuer,
      audience: ARM,
    });
    expect(payload).toMatchObject({
      oid: automation.objectId,
      sub: automation.objectId,
      tid: endpoints.tenantId,
      idtyp: "app",
      idp: endpoints.accessTokenIssuer,
      ver: "1.0",
      appid: endpoints.automationClient.clientId,
      appidacr: "1",
    });
    // No app role assigned: Entra leaves `roles` out.
    for (const absent of ["scp", "roles", "azp", "preferred_username", "upn"])
      expect(payload).not.toHaveProperty(absent);
  });

  it("refuses a wrong secret", async () => {
    const res = await tokenRequest({
      grant_type: "client_credentials",
      client_id: endpoints.automationClient.clientId,
      client_secret: "wrong-secret",
      scope: `${ARM}/.default`,
    });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: string }).error).toBe("invalid_client");
  });

  it("refuses an app token without a known `<resource>/.default` scope", async () => {
    for (const scope of ["", "openid", "https://unknown.example/.default"]) {
      const res = await tokenRequest({
        grant_type: "client_credentials",
        client_id: endpoints.automationClient.clientId,
        client_secret: endpoints.automationClient.clientSecret,
        scope,
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: string }).error).toBe("invalid_scope");
    }
  });

  it("refuses the SPA client (public clients have no client-credentials grant)", async () => {
    const res = await tokenRequest({
      grant_type: "client_credentials",
      client_id: endpoints.spaClientId,
      scope: `${ARM}/.default`,
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
  });
});

describe("verifyAccessToken (the check ARM and the data plane rely on)", () => {
  let identity: Identity;
  let dir: string;
  let realKey: JWK;
  let good: string;
  const log: RequestLogEntry[] = [];

  beforeAll(async () => {
    // A second instance over a copy of the persisted key file: what a restarted emulator sees.
    dir = mkdtempSync(join(tmpdir(), "identity-restart-"));
    copyFileSync(join(stateDir, "identity-keys.json"), join(dir, "identity-keys.json"));
    identity = await createIdentity({
      baseUrl: new URL(endpoints.authority).origin,
      stateDir: dir,
      store: { state, save: () => undefined, reset: () => undefined },
      log: { add: (e) => log.push(e), list: () => log, clear: () => (log.length = 0) },
    });
    realKey = (
      JSON.parse(readFileSync(join(stateDir, "identity-keys.json"), "utf8")) as {
        signingKey: JWK;
      }
    ).signingKey;
    good = await userToken(endpoints, operator.username!);
  });

  afterAll(async () => {
    await identity.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function mint(key: JWK, claims: Record<string, unknown>, kid = realKey.kid) {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({
      tid: endpoints.tenantId,
      oid: operator.objectId,
      sub: operator.objectId,
      scp: "user_impersonation",
      ...claims,
    })
      .setProtectedHeader({ alg: "RS256", typ: "JWT", kid })
      .setIssuer(String(claims.iss ?? endpoints.issuer))
      .setAudience(String(claims.aud ?? ARM))
      .setIssuedAt(Number(claims.iat ?? now))
      .setExpirationTime(Number(claims.exp ?? now + 600))
      .sign(await importJWK(key, "RS256"));
  }

  it("the persisted key verifies tokens issued before a restart", async () => {
    const claims = await identity.verifyAccessToken(good);
    expect(claims).toMatchObject({ oid: operator.objectId, tid: endpoints.tenantId, aud: ARM });
    expect(decodeProtectedHeader(good).kid).toBe(realKey.kid);
  });

  it("rejects a token signed by another key", async () => {
    const { privateKey } = await generateKeyPair("RS256", { extractable: true });
    const forged = await mint(await exportJWK(privateKey), {});
    await expect(identity.verifyAccessToken(forged)).rejects.toThrow(InvalidTokenError);
    await expect(identity.verifyAccessToken(forged)).rejects.toThrow(/signature/);
  });

  it("rejects an expired token, another audience, another issuer, and garbage", async () => {
    const past = Math.floor(Date.now() / 1000) - 7200;
    const expired = await mint(realKey, { iat: past, exp: past + 3600 });
    await expect(identity.verifyAccessToken(expired)).rejects.toThrow(/expired/);
    const graph = await mint(realKey, { aud: "https://graph.microsoft.com" });
    await expect(identity.verifyAccessToken(graph)).rejects.toThrow(/audience/);
    const otherIssuer = await mint(realKey, { iss: "https://login.microsoftonline.com/x/v2.0" });
    await expect(identity.verifyAccessToken(otherIssuer)).rejects.toThrow(/issuer/);
    await expect(identity.verifyAccessToken("not-a-token")).rejects.toThrow(InvalidTokenError);
    await expect(identity.verifyAccessToken(good, "https://graph.microsoft.com")).rejects.toThrow(
      /audience/,
    );
    // Sanity: the minting itself is sound, a fresh token with the real key passes.
    await expect(identity.verifyAccessToken(await mint(realKey, {}))).resolves.toMatchObject({
      oid: operator.objectId,
    });
  });

  it("ARM accepts the user's token and answers 401 to an expired one", async () => {
    const url = `${endpoints.armEndpoint}/subscriptions?api-version=2022-12-01`;
    const ok = await fetch(url, { headers: { authorization: `Bearer ${good}` } });
    expect(ok.status).toBe(200);
    const past = Math.floor(Date.now() / 1000) - 7200;
    const expired = await mint(realKey, { iat: past, exp: past + 3600 });
    const refused = await fetch(url, { headers: { authorization: `Bearer ${expired}` } });
    expect(refused.status).toBe(401);
  });
});

describe("request log", () => {
  it("records identity requests without tokens or secrets", async () => {
    const entries = await fetch(`${endpoints.controlUrl}/requests`).then(
      (r) => r.json() as Promise<RequestLogEntry[]>,
    );
    const identityEntries = entries.filter((e) => e.path.startsWith(`/${endpoints.tenantId}/`));
    expect(identityEntries.length).toBeGreaterThan(0);
    const text = JSON.stringify(entries);
    expect(text).not.toContain(endpoints.automationClient.clientSecret);
    expect(text).not.toMatch(/eyJ[\w-]+\.eyJ/);
  });
});
