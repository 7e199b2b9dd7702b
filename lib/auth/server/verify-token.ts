import "server-only";
import {
  createRemoteJWKSet,
  customFetch,
  errors as joseErrors,
  jwtVerify,
  type FetchImplementation,
  type JWTVerifyGetKey,
} from "jose";
import { getServerConfig, type ServerConfig } from "@/lib/env";
import { ApiError } from "@/lib/errors";
import { caGetFetch } from "./ca-fetch";

/**
 * Server-only bearer verification for every /api route. The token is ARM's access token from the
 * browser; after verification the same token is forwarded to ARM, which applies the caller's own
 * RBAC. Tokens are never logged.
 */

/** A verified caller: its raw token (to forward to ARM) and the claims the console uses. */
export interface Caller {
  token: string;
  /** Milliseconds since the epoch, from `exp`. */
  expiresOnTimestamp: number;
  tenantId: string;
  objectId?: string;
  name?: string;
  username?: string;
}

const ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384"];
const CLOCK_TOLERANCE_SECONDS = 60;

const keySets = new Map<string, JWTVerifyGetKey>();
const discoveries = new Map<string, Promise<string>>();

/** Reads the JWKS URL from the issuer's OpenID discovery document; a failure is retried next time. */
function discoverJwksUri(discoveryUrl: string, caPem: string | undefined): Promise<string> {
  let pending = discoveries.get(discoveryUrl);
  if (!pending) {
    pending = (async () => {
      const res = await caGetFetch(caPem)(discoveryUrl, { signal: AbortSignal.timeout(5_000) });
      if (!res.ok) throw new Error(`discovery document answered ${res.status}`);
      const doc = (await res.json()) as { jwks_uri?: unknown };
      if (typeof doc.jwks_uri !== "string") throw new Error("discovery document has no jwks_uri");
      return doc.jwks_uri;
    })();
    discoveries.set(discoveryUrl, pending);
    pending.catch(() => discoveries.delete(discoveryUrl));
  }
  return pending;
}

async function keySetFor(config: ServerConfig): Promise<JWTVerifyGetKey> {
  const { token, caPem } = config;
  const jwksUri = token.jwksUri ?? (await discoverJwksUri(token.discoveryUrl ?? "", caPem));
  const cacheKey = `${jwksUri}|${caPem ?? ""}`;
  let keySet = keySets.get(cacheKey);
  if (!keySet) {
    keySet = createRemoteJWKSet(new URL(jwksUri), {
      [customFetch]: caGetFetch(caPem) as unknown as FetchImplementation,
    });
    keySets.set(cacheKey, keySet);
  }
  return keySet;
}

/** Why jose refused a token, in words a caller can act on; undefined when the token is not at fault. */
function tokenFault(error: unknown): string | undefined {
  if (error instanceof joseErrors.JWTExpired) return "it has expired";
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    return `its "${error.claim}" claim is not accepted (${error.reason})`;
  }
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) {
    return "its signature does not verify";
  }
  if (
    error instanceof joseErrors.JWKSNoMatchingKey ||
    error instanceof joseErrors.JWKSMultipleMatchingKeys
  ) {
    return "it is not signed by a key of the configured issuer";
  }
  if (
    error instanceof joseErrors.JOSEAlgNotAllowed ||
    error instanceof joseErrors.JOSENotSupported
  ) {
    return "its signing algorithm is not accepted";
  }
  if (error instanceof joseErrors.JWSInvalid || error instanceof joseErrors.JWTInvalid) {
    return "it is not a well-formed JWT";
  }
  return undefined;
}

/** Extracts the token from `Authorization: Bearer <token>`; throws 401 Unauthorized otherwise. */
export function bearerFrom(authorization: string | null): string {
  const match = /^Bearer[ ]+([^\s]+)\s*$/i.exec(authorization ?? "");
  if (!match?.[1]) throw ApiError.unauthorized();
  return match[1];
}

/**
 * Verifies the bearer token of a request: signature against the issuer's JWKS, issuer, audience
 * (ARM), tenant and expiry. Throws ApiError 401 (`Unauthorized` when absent, `InvalidToken` when
 * bad), or 503 when the issuer's keys cannot be fetched.
 */
export async function verifyBearer(authorization: string | null): Promise<Caller> {
  const token = bearerFrom(authorization);
  const config = getServerConfig();
  let payload;
  try {
    const keySet = await keySetFor(config);
    ({ payload } = await jwtVerify(token, keySet, {
      issuer: config.token.issuers,
      audience: config.token.audiences,
      algorithms: ALGORITHMS,
      requiredClaims: ["exp"],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    }));
  } catch (error) {
    const fault = tokenFault(error);
    if (fault) throw ApiError.invalidToken(fault);
    throw new ApiError(
      503,
      "TokenVerificationUnavailable",
      "The identity provider's signing keys could not be read, so the token cannot be checked. Try again shortly.",
      { cause: error },
    );
  }
  const claim = (name: string) =>
    typeof payload[name] === "string" ? (payload[name] as string) : undefined;
  const tenantId = claim("tid");
  if (tenantId !== config.token.tenantId) {
    throw ApiError.invalidToken("it was issued for another tenant");
  }
  return {
    token,
    expiresOnTimestamp: (payload.exp ?? 0) * 1000,
    tenantId,
    objectId: claim("oid"),
    name: claim("name"),
    username: claim("preferred_username") ?? claim("upn"),
  };
}

/**
 * Whether the identity provider's signing keys can be read now (the readiness check): the JWKS
 * document answers with at least one key. Never throws.
 */
export async function signingKeysReachable(config: ServerConfig): Promise<boolean> {
  try {
    const jwksUri =
      config.token.jwksUri ??
      (await discoverJwksUri(config.token.discoveryUrl ?? "", config.caPem));
    const res = await caGetFetch(config.caPem)(jwksUri, { signal: AbortSignal.timeout(5_000) });
    if (!res.ok) return false;
    const doc = (await res.json()) as { keys?: unknown };
    return Array.isArray(doc.keys) && doc.keys.length > 0;
  } catch {
    return false;
  }
}
