import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ensurePrivateDir, tightenFile, writePrivateFile } from "../store/private-files";
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from "jose";

/** What the identity provider keeps across restarts, in `<stateDir>/identity-keys.json`. */
export interface IdentityKeys {
  /** RS256 private key as a JWK with `kid`, `alg` and `use`. */
  signingKey: JWK;
  /** Keys that sign the provider's cookies (sessions survive a restart of the process). */
  cookieKeys: string[];
}

const KEYS_FILE = "identity-keys.json";

/**
 * Loads the signing and cookie keys from the state dir, creating them on first start. Reusing
 * them keeps tokens issued before a restart verifiable, as a real tenant's keys would be.
 */
export async function loadOrCreateKeys(stateDir: string): Promise<IdentityKeys> {
  const file = join(stateDir, KEYS_FILE);
  if (existsSync(file)) {
    tightenFile(file);
    const keys = JSON.parse(readFileSync(file, "utf8")) as IdentityKeys;
    if (keys.signingKey?.d && keys.signingKey.kid && keys.cookieKeys?.length) return keys;
  }
  const { privateKey } = await generateKeyPair("RS256", { modulusLength: 2048, extractable: true });
  const jwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(jwk);
  const keys: IdentityKeys = {
    signingKey: { ...jwk, kid, alg: "RS256", use: "sig" },
    cookieKeys: [randomBytes(32).toString("base64url")],
  };
  ensurePrivateDir(stateDir);
  writePrivateFile(file, JSON.stringify(keys, null, 2));
  return keys;
}

/** The public half of a JWK (what the JWKS endpoint publishes). */
export function publicJwk(jwk: JWK): JWK {
  const { kty, n, e, kid, alg, use } = jwk;
  return { kty, n, e, kid, alg, use };
}
