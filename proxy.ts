import { NextResponse, type NextRequest } from "next/server";
import { getPublicConfig, getSettings } from "@/lib/env";
import { contentSecurityPolicy, newNonce, strictTransportSecurity } from "@/lib/security/csp";

/**
 * Runs before every page (not /api, not static files): gives the page a fresh CSP nonce. Next.js
 * reads the nonce from the request's Content-Security-Policy header and puts it on its scripts;
 * the root layout reads `x-nonce` for Fluent UI's styles. The other security headers, the same for
 * every response, are in next.config.js.
 */
export function proxy(request: NextRequest) {
  const nonce = newNonce();
  let authorityOrigin: string | undefined;
  let hstsMaxAge: number | undefined;
  let development = false;
  try {
    const settings = getSettings();
    development = settings.development;
    hstsMaxAge = settings.hstsMaxAge;
    authorityOrigin = new URL(getPublicConfig().authority).origin;
  } catch {
    // Not configured: the configuration page needs no sign-in, so no identity provider either.
  }
  const policy = contentSecurityPolicy({ nonce, authorityOrigin, development });
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  if (hstsMaxAge !== undefined) {
    response.headers.set("strict-transport-security", strictTransportSecurity(hstsMaxAge));
  }
  return response;
}

export const config = {
  matcher: [
    {
      // Pages only: API answers are JSON with a policy of their own (next.config.js), and the
      // proxy must not buffer API request bodies (their size is checked in the route).
      source: "/((?!api/|_next/static|_next/image|favicon.ico|icon.svg).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
