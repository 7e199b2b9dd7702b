import { createHash, randomBytes } from "node:crypto";
import { caFetch } from "./emulator-client";
import type { EmulatorEndpoints } from "./emulator-process";

export const ARM_USER_SCOPE = "https://management.azure.com/user_impersonation";
/** Any loopback port is accepted for the SPA; nothing listens here, the code is read off the URL. */
const REDIRECT_URI = "http://localhost:53682/";

export interface TokenResponse {
  access_token: string;
  id_token?: string;
  refresh_token?: string;
  client_info?: string;
  scope?: string;
  expires_in?: number;
  token_type?: string;
}

export class SignInError extends Error {}

export interface SignInOptions {
  scope?: string;
  /** Keep the identity provider's session cookies here (to sign in again silently, sign out). */
  jar?: CookieJar;
  /** `none` signs in from the session cookie only, as MSAL's hidden iframe does. */
  prompt?: "none" | "login";
  redirectUri?: string;
}

/** Cookies by name, as a browser keeps them for the emulator's one origin. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(res: { headers: { getSetCookie(): string[] } }) {
    for (const line of res.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const eq = pair.indexOf("=");
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === "" || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

/**
 * Signs a user in through the emulator's real authorization-code + PKCE flow over HTTP (no
 * browser): authorize, the login form, the redirects, then the token endpoint, as the SPA does.
 * Returns the whole token response (access, id and refresh token).
 */
export async function signIn(
  endpoints: EmulatorEndpoints,
  username: string,
  password?: string,
  options: SignInOptions = {},
): Promise<TokenResponse> {
  const secret = password ?? endpoints.users.find((u) => u.username === username)?.password;
  if (secret === undefined) throw new Error(`no password known for ${username}`);
  const scope = options.scope ?? `${ARM_USER_SCOPE} openid profile offline_access`;
  const redirectUri = options.redirectUri ?? REDIRECT_URI;
  const fetch = caFetch(endpoints);
  const jar = options.jar ?? new CookieJar();
  const verifier = randomBytes(32).toString("base64url");
  const challenge = createHash("sha256").update(verifier).digest("base64url");
  const state = randomBytes(8).toString("hex");

  const authorize = new URL(`${endpoints.authority}/oauth2/v2.0/authorize`);
  authorize.search = new URLSearchParams({
    client_id: endpoints.spaClientId,
    response_type: "code",
    redirect_uri: redirectUri,
    response_mode: "query",
    scope,
    state,
    nonce: randomBytes(8).toString("hex"),
    code_challenge: challenge,
    code_challenge_method: "S256",
    client_info: "1",
    ...(options.prompt ? { prompt: options.prompt } : {}),
  }).toString();

  // Follow redirects by hand (cookies must travel) until the form or the redirect URI.
  const follow = async (start: string, init?: { method: string; body: string }) => {
    let url = start;
    let res = await fetch(url, {
      method: init?.method ?? "GET",
      body: init?.body,
      redirect: "manual",
      headers: {
        cookie: jar.header(),
        ...(init ? { "content-type": "application/x-www-form-urlencoded" } : {}),
      },
    });
    for (let hops = 0; hops < 10; hops++) {
      jar.store(res);
      const location = res.headers.get("location");
      if (res.status < 300 || res.status >= 400 || !location) break;
      url = new URL(location, url).href;
      if (url.startsWith(redirectUri)) return { url, res };
      await res.arrayBuffer();
      res = await fetch(url, { redirect: "manual", headers: { cookie: jar.header() } });
    }
    return { url, res };
  };

  let posted = await follow(authorize.href);
  if (!posted.url.startsWith(redirectUri)) {
    const html = await posted.res.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (!action) throw new SignInError(`no login form at ${posted.url} (${posted.res.status})`);
    posted = await follow(new URL(action.replace(/&amp;/g, "&"), posted.url).href, {
      method: "POST",
      body: new URLSearchParams({ username, password: secret }).toString(),
    });
  }
  if (!posted.url.startsWith(redirectUri)) {
    const page = await posted.res.text();
    const error = /role="alert"[^>]*>([^<]+)</.exec(page)?.[1];
    throw new SignInError(`sign-in refused: ${error ?? `status ${posted.res.status}`}`);
  }
  const back = new URL(posted.url).searchParams;
  if (back.get("error")) {
    throw new SignInError(`${back.get("error")}: ${back.get("error_description")}`);
  }
  if (back.get("state") !== state) throw new SignInError("state mismatch");
  const code = back.get("code");
  if (!code) throw new SignInError("no authorization code");

  const res = await fetch(endpoints.tokenEndpoint, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      client_id: endpoints.spaClientId,
      grant_type: "authorization_code",
      code,
      redirect_uri: redirectUri,
      code_verifier: verifier,
      scope,
      client_info: "1",
    }).toString(),
  });
  const body = (await res.json()) as TokenResponse & { error?: string };
  if (!res.ok || !body.access_token) {
    throw new SignInError(`token endpoint: ${res.status} ${body.error ?? ""}`);
  }
  return body;
}

/** An ARM access token for a seeded user, obtained through the real sign-in form. */
export async function userToken(
  endpoints: EmulatorEndpoints,
  username: string,
  password?: string,
): Promise<string> {
  return (await signIn(endpoints, username, password)).access_token;
}
