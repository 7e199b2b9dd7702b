import { InvalidTokenError, type AccessTokenClaims } from "../contracts";
import { allowedActions, holdsRoleOn } from "./access";
import { AUTH_REQUIRED, sendErrors, sendJson } from "./acr-http";
import { readForm, type RequestContext } from "./context";
import { findRegistryByKey } from "../store/finders";
import { keyOf, routeHost } from "./routing";
import type { AccessEntry } from "./tokens";

/** Audiences ACR accepts on the exchange: ARM's, and the registry resource's own. */
const ENTRA_AUDIENCES = ["https://management.azure.com", "https://containerregistry.azure.net"];

function unauthorized(ctx: RequestContext): void {
  sendErrors(ctx.res, 401, [{ code: "UNAUTHORIZED", message: AUTH_REQUIRED }]);
}

function badRequest(ctx: RequestContext, message: string): void {
  sendErrors(ctx.res, 400, [{ code: "BAD_REQUEST", message }]);
}

/** `service` must name this registry: its login server or one of its regional/data hosts. */
function servesRegistry(ctx: RequestContext, service: string | null): boolean {
  if (!service) return false;
  const target = routeHost(ctx.opts.store.state, service);
  if (!target) return false;
  const registry = findRegistryByKey(ctx.opts.store.state, target.registryKey);
  const mine = keyOf(ctx.registry);
  return (
    registry !== undefined &&
    registry.subscriptionId === mine.subscriptionId &&
    registry.name.toLowerCase() === mine.name.toLowerCase()
  );
}

function isInvalidToken(err: unknown): boolean {
  return (
    err instanceof InvalidTokenError || (err instanceof Error && err.name === "InvalidTokenError")
  );
}

async function verifyEntraToken(ctx: RequestContext, token: string) {
  for (const audience of ENTRA_AUDIENCES) {
    try {
      return await ctx.opts.identity.verifyAccessToken(token, audience);
    } catch (err) {
      if (!isInvalidToken(err)) throw err;
    }
  }
  return null;
}

/** `POST /oauth2/exchange`: an Entra access token for an ACR refresh token. */
export async function exchange(ctx: RequestContext): Promise<void> {
  const form = await readForm(ctx.req);
  if (!form) return badRequest(ctx, "request body too large");
  if (form.get("grant_type") !== "access_token") {
    return badRequest(ctx, "grant_type must be access_token");
  }
  if (!servesRegistry(ctx, form.get("service"))) {
    return badRequest(ctx, "service does not name this registry");
  }
  const tenant = form.get("tenant");
  const token = form.get("access_token");
  if (!token) return badRequest(ctx, "access_token is required");
  const claims: AccessTokenClaims | null = await verifyEntraToken(ctx, token);
  if (!claims || claims.tid !== ctx.opts.identity.tenantId || (tenant && tenant !== claims.tid)) {
    return unauthorized(ctx);
  }
  ctx.caller = claims.oid;
  // An identity without any role on the registry is refused (the emulator's choice: ACR's answer
  // is undocumented). One that holds a role without data-plane rights gets its refresh token, and
  // then access tokens granting nothing (below).
  if (!holdsRoleOn(ctx.opts.store.state, claims.oid, ctx.registry)) {
    return unauthorized(ctx);
  }
  const refreshToken = ctx.signer.refreshToken({
    sub: claims.oid,
    aud: ctx.registry.loginServer,
    tenant: claims.tid,
  });
  sendJson(ctx.res, 200, { refresh_token: refreshToken });
}

function requestedScopes(form: URLSearchParams): string[] {
  return form
    .getAll("scope")
    .flatMap((s) => s.split(" "))
    .filter((s) => s.length > 0);
}

/** Grants the requested actions the caller holds; unknown resource types get nothing. */
function grant(scope: string, allowed: Set<string>): AccessEntry | null {
  const first = scope.indexOf(":");
  const last = scope.lastIndexOf(":");
  if (first <= 0 || last === first) return null;
  const type = scope.slice(0, first);
  const name = scope.slice(first + 1, last);
  const actions = scope.slice(last + 1).split(",");
  if (type === "repository") {
    return { type, name, actions: actions.filter((a) => allowed.has(a)) };
  }
  if (type === "registry" && name === "catalog") {
    return { type, name, actions: allowed.has("metadata_read") ? ["*"] : [] };
  }
  return { type, name, actions: [] };
}

/** `POST /oauth2/token`: an ACR refresh token and scopes for an ACR access token. */
export async function token(ctx: RequestContext): Promise<void> {
  const form = await readForm(ctx.req);
  if (!form) return badRequest(ctx, "request body too large");
  if (form.get("grant_type") !== "refresh_token") {
    // Admin-user and repository-scoped token passwords are not emulated.
    return unauthorized(ctx);
  }
  issueAccessToken(ctx, form, form.get("refresh_token") ?? "");
}

/** The ACR access token for `params` (service, scope) on behalf of a refresh token's subject. */
function issueAccessToken(ctx: RequestContext, params: URLSearchParams, refreshToken: string) {
  if (!servesRegistry(ctx, params.get("service"))) {
    return badRequest(ctx, "service does not name this registry");
  }
  const refresh = ctx.signer.verify(refreshToken);
  if (
    !refresh ||
    refresh.access !== undefined ||
    refresh.aud.toLowerCase() !== ctx.registry.loginServer.toLowerCase()
  ) {
    return unauthorized(ctx);
  }
  ctx.caller = refresh.sub;
  // Rights are checked again now: a role removed since the exchange takes effect at once. A
  // role without the requested actions gets a token that grants none of them, as Docker
  // distribution's token service does (the intersection of requested and permitted actions);
  // the registry then answers 401 insufficient_scope. ACR's own answer is undocumented.
  if (!holdsRoleOn(ctx.opts.store.state, refresh.sub, ctx.registry)) return unauthorized(ctx);
  const allowed = allowedActions(ctx.opts.store.state, refresh.sub, ctx.registry);
  const access = requestedScopes(params)
    .map((s) => grant(s, allowed))
    .filter((e): e is AccessEntry => e !== null);
  const accessToken = ctx.signer.accessToken({
    sub: refresh.sub,
    aud: ctx.registry.loginServer,
    tenant: refresh.tenant,
    access,
  });
  sendJson(ctx.res, 200, { access_token: accessToken });
}

/**
 * The user name ACR gives an ACR refresh token used as a password (`az acr login
 * --expose-token`, then `docker login -u 00000000-0000-0000-0000-000000000000`).
 */
const REFRESH_TOKEN_USER = "00000000-0000-0000-0000-000000000000";

function basicCredentials(header: string | undefined): { user: string; password: string } | null {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? "");
  if (!m) return null;
  const decoded = Buffer.from(m[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon < 0 ? null : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/**
 * `GET /oauth2/token?service=&scope=` with Basic auth: how `docker login` and other registry
 * clients get a token from a user name and password. The refresh-token user is served; admin
 * users and repository-scoped token passwords are not emulated (401).
 */
export function basicToken(ctx: RequestContext): void {
  const credentials = basicCredentials(ctx.req.headers.authorization);
  if (!credentials || credentials.user !== REFRESH_TOKEN_USER) return unauthorized(ctx);
  const query = new URL(ctx.req.url ?? "/", "https://registry.invalid").searchParams;
  issueAccessToken(ctx, query, credentials.password);
}
