import {
  errors as joseErrors,
  jwtVerify,
  type CryptoKey,
  type JWTPayload,
  type KeyObject,
} from "jose";
import { InvalidTokenError, type AccessTokenClaims } from "../contracts";

export const ARM_AUDIENCE = "https://management.azure.com";

/** ARM's identifiers: a token for either is a token for ARM, as ARM's own error message lists. */
const ARM_IDENTIFIERS = ["https://management.azure.com", "https://management.core.windows.net"];

/** The `aud` values that name `audience`: with or without a trailing slash, every ARM alias. */
function audiencesFor(audience: string): string[] {
  const key = audience.replace(/\/+$/, "");
  const names = ARM_IDENTIFIERS.includes(key) ? ARM_IDENTIFIERS : [key];
  return names.flatMap((name) => [name, `${name}/`]);
}

/**
 * Verifies an access token issued by this identity: RS256 signature with its own key, issuer
 * (any of `issuers`: Entra's v1 issuer for ARM tokens, the v2.0 issuer for tokens minted in the
 * v2.0 shape), audience and expiry. Entra accepts the audience with or without a trailing slash;
 * so does this.
 */
export async function verifyWithKey(
  token: string,
  key: CryptoKey | KeyObject,
  issuers: string | string[],
  audience: string = ARM_AUDIENCE,
): Promise<AccessTokenClaims> {
  if (!token || token.split(".").length !== 3) {
    throw new InvalidTokenError("The access token is not a JWT.");
  }
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, key, {
      algorithms: ["RS256"],
      issuer: issuers,
      audience: audiencesFor(audience),
      requiredClaims: ["exp", "iat", "tid", "oid", "sub"],
    }));
  } catch (err) {
    throw new InvalidTokenError(reasonFor(err));
  }
  return payload as unknown as AccessTokenClaims;
}

function reasonFor(err: unknown): string {
  if (err instanceof joseErrors.JWTExpired) return "The access token has expired.";
  if (err instanceof joseErrors.JWSSignatureVerificationFailed) {
    return "The access token signature is invalid.";
  }
  if (err instanceof joseErrors.JWTClaimValidationFailed) {
    if (err.claim === "aud") return "The access token audience is invalid.";
    if (err.claim === "iss") return "The access token issuer is invalid.";
    if (err.claim === "nbf") return "The access token is not yet valid.";
    return `The access token claim '${err.claim}' is invalid.`;
  }
  if (err instanceof joseErrors.JOSEAlgNotAllowed) {
    return "The access token is not signed with RS256.";
  }
  if (err instanceof joseErrors.JOSEError) return `The access token is invalid (${err.code}).`;
  return "The access token is invalid.";
}
