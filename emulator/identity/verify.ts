import {
  errors as joseErrors,
  jwtVerify,
  type CryptoKey,
  type JWTPayload,
  type KeyObject,
} from "jose";
import { InvalidTokenError, type AccessTokenClaims } from "../contracts";

export const ARM_AUDIENCE = "https://management.azure.com";

/**
 * Verifies an access token issued by this identity: RS256 signature with its own key, issuer,
 * audience and expiry. Entra accepts the audience with or without a trailing slash; so does this.
 */
export async function verifyWithKey(
  token: string,
  key: CryptoKey | KeyObject,
  issuer: string,
  audience: string = ARM_AUDIENCE,
): Promise<AccessTokenClaims> {
  if (!token || token.split(".").length !== 3) {
    throw new InvalidTokenError("The access token is not a JWT.");
  }
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, key, {
      algorithms: ["RS256"],
      issuer,
      audience: [audience, audience.endsWith("/") ? audience.slice(0, -1) : `${audience}/`],
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
