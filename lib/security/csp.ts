import "server-only";

/**
 * The Content Security Policy of the console's pages, built per request with that request's
 * nonce (Next.js puts it on its own scripts and inline styles; Griffel and Fluent UI put it on
 * the style elements they create, see components/providers/fluent-root.tsx). No `unsafe-inline`
 * and no `unsafe-eval` in production. The identity provider's origin (Entra ID, or the emulator's
 * sign-in) comes from the configuration: MSAL fetches its metadata and tokens from it
 * (connect-src) and renews sessions in a hidden frame on it (frame-src); form-action lets a
 * sign-in request be posted there. No page may be framed (frame-ancestors 'none').
 */
export interface PolicyInput {
  nonce: string;
  /** The identity provider's origin, e.g. `https://login.microsoftonline.com`; none when unknown. */
  authorityOrigin?: string;
  /** `next dev`: React's dev tooling needs eval, and dev styles come without a nonce. */
  development?: boolean;
}

export function contentSecurityPolicy({
  nonce,
  authorityOrigin,
  development,
}: PolicyInput): string {
  const idp = authorityOrigin ? ` ${authorityOrigin}` : "";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    development ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${idp}`,
    `frame-src${idp || " 'none'"}`,
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    `form-action 'self'${idp}`,
    "frame-ancestors 'none'",
  ].join("; ");
}

/** A fresh nonce: 128 random bits, base64. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString("base64");
}

/** `Strict-Transport-Security` for `HSTS_MAX_AGE` seconds (only sent when it is configured). */
export function strictTransportSecurity(maxAgeSeconds: number): string {
  return `max-age=${maxAgeSeconds}; includeSubDomains`;
}
