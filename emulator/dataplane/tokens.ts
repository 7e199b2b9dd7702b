import { createHmac, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ensurePrivateDir, tightenFile, writePrivateFile } from "../store/private-files";

/**
 * ACR refresh and access tokens: JWTs with ACR's claim names (`iss` "Azure Container Registry",
 * `aud` the login server, `grant_type`, `access`), signed HS256 with a key of this data plane.
 * Only this data plane verifies them, so a symmetric key is enough; it is kept in the state dir
 * when one is given, so tokens survive a restart.
 */
const ACR_ISSUER = "Azure Container Registry";
const REFRESH_TTL_S = 3 * 3600;
const ACCESS_TTL_S = 75 * 60;

export interface AccessEntry {
  type: string;
  name: string;
  actions: string[];
}

export interface AcrTokenClaims {
  jti: string;
  sub: string;
  iss: string;
  aud: string;
  iat: number;
  nbf: number;
  exp: number;
  version: string;
  tenant: string;
  grant_type: "refresh_token" | "access_token";
  /** Access tokens only: what the bearer may do. */
  access?: AccessEntry[];
}

export interface TokenSigner {
  refreshToken(input: { sub: string; aud: string; tenant: string }): string;
  accessToken(input: { sub: string; aud: string; tenant: string; access: AccessEntry[] }): string;
  /** Returns the claims of a valid, unexpired token of this issuer, or null. */
  verify(token: string): AcrTokenClaims | null;
  /** A MAC of `data` (base64url) with the same key: the signature of a blob download URL. */
  mac(data: string): string;
}

export function loadTokenKey(stateDir: string | undefined): Buffer {
  if (!stateDir) return randomBytes(32);
  const path = join(stateDir, "acr-token-key");
  if (existsSync(path)) {
    tightenFile(path);
    const key = Buffer.from(readFileSync(path, "utf8").trim(), "base64");
    if (key.length >= 32) return key;
  }
  const key = randomBytes(32);
  ensurePrivateDir(stateDir);
  writePrivateFile(path, key.toString("base64"));
  return key;
}

const HEADER = base64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));

function base64url(text: string | Buffer): string {
  return Buffer.from(text).toString("base64url");
}

export function createTokenSigner(key: Buffer): TokenSigner {
  const mac = (data: string) => createHmac("sha256", key).update(data).digest();
  const sign = (claims: AcrTokenClaims) => {
    const body = `${HEADER}.${base64url(JSON.stringify(claims))}`;
    return `${body}.${mac(body).toString("base64url")}`;
  };
  const base = (sub: string, aud: string, tenant: string, ttl: number) => {
    const now = Math.floor(Date.now() / 1000);
    return {
      jti: randomUUID(),
      sub,
      iss: ACR_ISSUER,
      aud,
      iat: now,
      nbf: now,
      exp: now + ttl,
      version: "1.0",
      tenant,
    };
  };
  return {
    mac: (data) => mac(data).toString("base64url"),
    refreshToken: ({ sub, aud, tenant }) =>
      sign({ ...base(sub, aud, tenant, REFRESH_TTL_S), grant_type: "refresh_token" }),
    accessToken: ({ sub, aud, tenant, access }) =>
      sign({ ...base(sub, aud, tenant, ACCESS_TTL_S), grant_type: "refresh_token", access }),
    verify(token) {
      const parts = token.split(".");
      if (parts.length !== 3 || parts[0] !== HEADER) return null;
      const expected = mac(`${parts[0]}.${parts[1]}`);
      const given = Buffer.from(parts[2]!, "base64url");
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
      let claims: AcrTokenClaims;
      try {
        claims = JSON.parse(Buffer.from(parts[1]!, "base64url").toString("utf8")) as AcrTokenClaims;
      } catch {
        return null;
      }
      const now = Math.floor(Date.now() / 1000);
      if (claims.iss !== ACR_ISSUER || !(claims.exp > now) || claims.nbf > now + 60) return null;
      return claims;
    },
  };
}
