/**
 * The emulated Entra ID tenant: an OpenID provider (oidc-provider) reachable as
 * `https://localhost:<port>/<tenantId>` with Entra's v2.0 endpoint paths, so that MSAL, the Azure
 * SDKs' credentials and curl use it as they use login.microsoftonline.com.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { importJWK, type KeyObject } from "jose";
import type { KoaContext } from "oidc-provider";
import type { Identity, IdentityOptions } from "../contracts";
import { IdentityStorage } from "./adapter";
import { clientInfo, v1Issuer } from "./entra";
import { aliasDiscovery } from "./alias-discovery";
import { instanceDiscovery } from "./instance-discovery";
import { loadOrCreateKeys, publicJwk } from "./keys";
import { handleLogin } from "./login";
import { errorPage } from "./pages";
import { clientFromStore } from "./clients";
import { createProvider, ROUTES } from "./provider";
import { looksLikeTenant } from "./tenant-segment";
import { ARM_AUDIENCE, verifyWithKey } from "./verify";
import { findAppByClientId } from "../store/finders";
import { SPA_CLIENT_ID } from "../store/seed";

const DISCOVERY = "/v2.0/.well-known/openid-configuration";

/** Query parameters whose values must never reach the request log. */
const SECRET_PARAMS = ["id_token_hint", "code", "refresh_token", "access_token", "client_secret"];

function redact(url: string): string {
  const q = url.indexOf("?");
  if (q < 0) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  for (const name of SECRET_PARAMS) if (params.has(name)) params.set(name, "redacted");
  return `${url.slice(0, q)}?${params.toString()}`;
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.statusCode = status;
  res.setHeader("content-type", "application/json; charset=utf-8");
  res.setHeader("cache-control", "no-store");
  res.end(JSON.stringify(body));
}

export async function createIdentity(opts: IdentityOptions): Promise<Identity> {
  const baseUrl = opts.baseUrl.replace(/\/+$/, "");
  const tenantId = opts.store.state.tenantId;
  const authority = `${baseUrl}/${tenantId}`;
  const issuer = `${authority}/v2.0`;
  const accessTokenIssuer = v1Issuer(tenantId);
  const spaClientId = SPA_CLIENT_ID;

  const keys = await loadOrCreateKeys(opts.stateDir);
  const verificationKey = (await importJWK(publicJwk(keys.signingKey), "RS256")) as KeyObject;
  const storage = new IdentityStorage(opts.stateDir, (clientId) =>
    clientFromStore(opts.store, clientId),
  );
  const provider = createProvider({
    issuer,
    tenantId,
    spaClientId,
    signingKey: keys.signingKey,
    cookieKeys: keys.cookieKeys,
    store: opts.store,
    storage,
  });
  // The main server terminates TLS; Koa sees the encrypted socket and builds https URLs.
  provider.proxy = false;

  const callers = new WeakMap<IncomingMessage, string>();
  /** Requests that came through `common`/`organizations`, whose discovery names that alias. */
  const aliases = new WeakMap<IncomingMessage, string>();
  provider.use(async (ctx: KoaContext, next) => {
    await next();
    const account = ctx.oidc?.entities?.Account?.accountId;
    if (account) callers.set(ctx.req, account);
    const alias = aliases.get(ctx.req);
    if (alias && ctx.oidc?.route === "discovery" && isRecord(ctx.body)) {
      ctx.body = aliasDiscovery(ctx.body, `${authority}/`, `${baseUrl}/${alias}/`, baseUrl);
    }
    if (ctx.oidc?.route === "token" && ctx.status === 200 && isRecord(ctx.body)) {
      const body = ctx.body;
      if (typeof body.expires_in === "number") body.ext_expires_in = body.expires_in;
      // MSAL builds the home account id from client_info (uid.utid) for Entra authorities.
      if (account && ctx.oidc.body?.client_info === "1") {
        body.client_info = clientInfo(account, tenantId);
      }
      if (!account) {
        const clientId = ctx.oidc.entities.Client?.clientId;
        const app =
          clientId === undefined ? undefined : findAppByClientId(opts.store.state, clientId);
        if (app) callers.set(ctx.req, app.objectId);
      }
    }
  });
  const koa = provider.callback();

  const clientName = (clientId: string) =>
    clientId === spaClientId
      ? "ACR Geo Console"
      : (findAppByClientId(opts.store.state, clientId)?.displayName ?? clientId);

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const original = req.url ?? "/";
    const url = new URL(original, baseUrl);
    const [, tenant, ...rest] = url.pathname.split("/");
    const below = `/${rest.join("/")}`;
    if (!looksLikeTenant(tenant)) {
      sendJson(res, 404, { error: "not_found", error_description: `No route for ${url.pathname}` });
      return;
    }
    if (below === "/discovery/instance" && req.method === "GET") {
      const answer = instanceDiscovery(baseUrl, url.searchParams);
      sendJson(res, answer.status, answer.body);
      return;
    }
    // `common` and `organizations` reach the one tenant, as they reach a user's home tenant in
    // Entra: what `az login` and MSAL's default authorities ask for.
    const alias = tenant === "common" || tenant === "organizations" ? tenant : undefined;
    if (alias) aliases.set(req, alias);
    else if (tenant !== tenantId) {
      sendJson(res, 400, {
        error: "invalid_tenant",
        error_description: `AADSTS90002: Tenant '${tenant ?? ""}' not found. This emulated Entra ID has one tenant, ${tenantId}.`,
      });
      return;
    }
    if (below.startsWith("/login/")) {
      const who = await handleLogin(provider, opts.store, req, res, clientName);
      if (who) callers.set(req, who);
      return;
    }
    let inner = below;
    if (below === DISCOVERY) {
      // Entra's discovery lives under /v2.0 while its endpoints do not: oidc-provider's own
      // discovery route is mounted at the tenant, so present the request as if it came there.
      inner = "/.well-known/openid-configuration";
    } else if (below === "/.well-known/openid-configuration") {
      sendJson(res, 404, { error: "not_found", error_description: `Use ${authority}${DISCOVERY}` });
      return;
    }
    const params = url.searchParams;
    if (inner === ROUTES.end_session && req.method === "GET") {
      // MSAL's logoutRedirect sends neither client_id nor id_token_hint; Entra still honours
      // post_logout_redirect_uri. The SPA is the only client with an interactive session.
      if (
        params.has("post_logout_redirect_uri") &&
        !params.has("client_id") &&
        !params.has("id_token_hint")
      ) {
        params.set("client_id", spaClientId);
      }
    }
    if (inner === ROUTES.authorization && params.get("prompt") === "select_account") {
      // Entra's account picker: here the sign-in form, which lists the accounts.
      params.set("prompt", "login");
    }
    const search = params.toString() ? `?${params.toString()}` : "";
    const rewritten = req as IncomingMessage & { originalUrl?: string };
    rewritten.url = `${inner}${search}`;
    // oidc-provider derives its mount path from originalUrl minus url (as under Express).
    rewritten.originalUrl = `/${tenantId}${inner}${search}`;
    koa(req, res);
  }

  return {
    tenantId,
    authority,
    issuer,
    accessTokenIssuer,
    tokenEndpoint: `${authority}${ROUTES.token}`,
    handle(req, res) {
      const path = redact(req.url ?? "/");
      const method = req.method ?? "GET";
      res.once("finish", () => {
        opts.log.add({
          plane: "identity",
          method,
          path,
          status: res.statusCode,
          at: new Date().toISOString(),
          caller: callers.get(req),
        });
      });
      route(req, res).catch((err: unknown) => {
        console.error("identity: request failed:", err instanceof Error ? err.message : err);
        if (!res.headersSent) {
          res.statusCode = 500;
          res.setHeader("content-type", "text/html; charset=utf-8");
          res.end(errorPage({ error: "server_error", error_description: "The request failed." }));
        } else {
          res.end();
        }
      });
    },
    async verifyAccessToken(token, audience = ARM_AUDIENCE) {
      const claims = await verifyWithKey(
        token,
        verificationKey,
        [accessTokenIssuer, issuer],
        audience,
      );
      return claims;
    },
    async close() {
      storage.flush();
    },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
