/**
 * Entra ID shapes the emulated identity reproduces: resource-qualified scopes, the claims of its
 * access tokens, and `client_info`.
 */
import type { PrincipalState } from "../store/types";

/**
 * The resources (APIs) this tenant issues tokens for, by identifier without a trailing slash, and
 * the delegated scopes each exposes. ARM answers to both of its identifiers: the Azure CLI and
 * the cloud metadata's first audience name `https://management.core.windows.net/`.
 */
export const RESOURCES: Record<string, { scopes: string[] }> = {
  "https://management.azure.com": { scopes: ["user_impersonation"] },
  "https://management.core.windows.net": { scopes: ["user_impersonation"] },
  // Azure Monitor managed Prometheus's query API (app tokens, `.default` only), per cloud.
  "https://prometheus.monitor.azure.com": { scopes: [] },
  "https://prometheus.monitor.azure.us": { scopes: [] },
  "https://prometheus.monitor.azure.cn": { scopes: [] },
};

/** A resource identifier as RESOURCES keys it. */
export function resourceKey(resource: string): string {
  return resource.replace(/\/+$/, "");
}

/**
 * Entra's v1 token issuer. Entra issues ARM access tokens in the v1 format whichever endpoint
 * (v1 or v2.0) they were asked from, because ARM's app registration accepts v1 tokens only.
 */
export function v1Issuer(tenantId: string): string {
  return `https://sts.windows.net/${tenantId}/`;
}

/** OpenID scopes, not tied to a resource. */
export const OIDC_SCOPES = ["openid", "profile", "offline_access", "email"];

/**
 * The resource a request's scopes name, Entra-style: `https://management.azure.com/.default` or
 * `https://management.azure.com/user_impersonation` both mean ARM. A resource written with its
 * trailing slash (`https://management.core.windows.net//.default`, as the Azure CLI asks) keeps
 * it: Entra puts the identifier as asked into `aud`.
 */
export function resourceFromScopes(scope: unknown): string | undefined {
  if (typeof scope !== "string") return undefined;
  for (const token of scope.split(" ")) {
    const resource = splitScope(token)?.resource;
    if (resource) return resource;
  }
  return undefined;
}

function splitScope(token: string): { resource: string; name: string } | undefined {
  const slash = token.lastIndexOf("/");
  if (slash <= "https://".length) return undefined;
  const resource = token.slice(0, slash);
  const name = token.slice(slash + 1);
  if (!RESOURCES[resourceKey(resource)]) return undefined;
  return { resource, name };
}

/**
 * The scope strings oidc-provider must accept for a resource: each delegated scope and `.default`
 * in Entra's fully qualified form, so that MSAL sees the same `scope` in token responses that it
 * asked for (it keys its token cache on them).
 */
export function qualifiedScopes(resource: string): string[] {
  const info = RESOURCES[resourceKey(resource)];
  if (!info) return [];
  return [...info.scopes, ".default"].map((s) => `${resource}/${s}`);
}

/** `scp` of a delegated token: the short names of the granted scopes (`.default` = all of them). */
function scpFor(resource: string, grantedScope: string | undefined): string {
  const info = RESOURCES[resourceKey(resource)];
  const names = new Set<string>();
  for (const token of (grantedScope ?? "").split(" ")) {
    const parsed = splitScope(token);
    if (!parsed || resourceKey(parsed.resource) !== resourceKey(resource)) continue;
    if (parsed.name === ".default") info?.scopes.forEach((s) => names.add(s));
    else names.add(parsed.name);
  }
  return [...names].join(" ");
}

/** `client_info` as Entra returns it when a client asks `client_info=1`: base64url of uid/utid. */
export function clientInfo(objectId: string, tenantId: string): string {
  return Buffer.from(JSON.stringify({ uid: objectId, utid: tenantId })).toString("base64url");
}

/**
 * The claims Entra puts in an ARM access token: the v1 format (`ver` 1.0, issuer
 * sts.windows.net, `appid`/`appidacr`, `upn`/`unique_name` for users; no v2-only `azp`,
 * `azpacr` or `preferred_username`), for a user (delegated) or an app (client credentials).
 * `roles` is left out when the app holds no app role, as Entra does.
 */
export function accessTokenClaims(args: {
  tenantId: string;
  audience: string;
  clientId: string;
  iat: number;
  exp: number;
  jti: string;
  principal: PrincipalState;
  scope?: string;
  confidentialClient: boolean;
}): Record<string, unknown> {
  const { principal } = args;
  const issuer = v1Issuer(args.tenantId);
  const common = {
    // Entra stamps the tenant's `iss` and the resource's `aud`; `uti` is its token id.
    aud: args.audience,
    iss: issuer,
    iat: args.iat,
    nbf: args.iat,
    exp: args.exp,
    appid: args.clientId,
    appidacr: args.confidentialClient ? "1" : "0",
    oid: principal.objectId,
    tid: args.tenantId,
    uti: args.jti,
    ver: "1.0",
  };
  if (principal.kind === "app") {
    return { ...common, idp: issuer, sub: principal.objectId, idtyp: "app" };
  }
  return {
    ...common,
    acr: "1",
    amr: ["pwd"],
    // Entra's `sub` is pairwise per application; here it is the object id, as in the id token.
    sub: principal.objectId,
    idtyp: "user",
    name: principal.displayName,
    unique_name: principal.username,
    upn: principal.username,
    scp: scpFor(args.audience, args.scope),
  };
}
