/**
 * Entra ID shapes the emulated identity reproduces: resource-qualified scopes, the claims of its
 * access tokens, and `client_info`.
 */
import type { PrincipalState } from "../store/types";

const ARM_RESOURCE = "https://management.azure.com";

/** The resources (APIs) this tenant issues tokens for, and the delegated scopes each exposes. */
export const RESOURCES: Record<string, { scopes: string[] }> = {
  [ARM_RESOURCE]: { scopes: ["user_impersonation"] },
};

/** OpenID scopes, not tied to a resource. */
export const OIDC_SCOPES = ["openid", "profile", "offline_access", "email"];

/**
 * The resource a request's scopes name, Entra-style: `https://management.azure.com/.default` or
 * `https://management.azure.com/user_impersonation` both mean ARM. A trailing slash on the
 * resource (`https://management.azure.com//.default`, as some SDKs send) is tolerated.
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
  const resource = token.slice(0, slash).replace(/\/+$/, "");
  const name = token.slice(slash + 1);
  if (!RESOURCES[resource]) return undefined;
  return { resource, name };
}

/**
 * The scope strings oidc-provider must accept for a resource: each delegated scope and `.default`
 * in Entra's fully qualified form, so that MSAL sees the same `scope` in token responses that it
 * asked for (it keys its token cache on them).
 */
export function qualifiedScopes(resource: string): string[] {
  const info = RESOURCES[resource];
  if (!info) return [];
  return [...info.scopes, ".default"].map((s) => `${resource}/${s}`);
}

/** `scp` of a delegated token: the short names of the granted scopes (`.default` = all of them). */
function scpFor(resource: string, grantedScope: string | undefined): string {
  const info = RESOURCES[resource];
  const names = new Set<string>();
  for (const token of (grantedScope ?? "").split(" ")) {
    const parsed = splitScope(token);
    if (!parsed || parsed.resource !== resource) continue;
    if (parsed.name === ".default") info?.scopes.forEach((s) => names.add(s));
    else names.add(parsed.name);
  }
  return [...names].join(" ");
}

/** `client_info` as Entra returns it when a client asks `client_info=1`: base64url of uid/utid. */
export function clientInfo(objectId: string, tenantId: string): string {
  return Buffer.from(JSON.stringify({ uid: objectId, utid: tenantId })).toString("base64url");
}

/** The claims Entra puts in an access token, for a user (delegated) or an app (client credentials). */
export function accessTokenClaims(args: {
  issuer: string;
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
  const common = {
    // Entra stamps the tenant's `iss` and the resource's `aud`; `uti` is its token id.
    aud: args.audience,
    iss: args.issuer,
    iat: args.iat,
    nbf: args.iat,
    exp: args.exp,
    azp: args.clientId,
    azpacr: args.confidentialClient ? "1" : "0",
    appid: args.clientId,
    appidacr: args.confidentialClient ? "1" : "0",
    oid: principal.objectId,
    tid: args.tenantId,
    uti: args.jti,
    ver: "2.0",
  };
  if (principal.kind === "app") {
    return { ...common, sub: principal.objectId, idtyp: "app", roles: [] };
  }
  return {
    ...common,
    // Entra's `sub` is pairwise per application; here it is the object id, as in the id token.
    sub: principal.objectId,
    idtyp: "user",
    name: principal.displayName,
    preferred_username: principal.username,
    scp: scpFor(args.audience, args.scope),
  };
}
