import "server-only";
import { acrError } from "./acr-errors";
import type { RegistryHttp } from "./http";

/**
 * ACR's token flow on one host (ACR-FACTS, "Token flow"): the caller's own Entra access token is
 * exchanged at `/oauth2/exchange` for an ACR refresh token, which `/oauth2/token` turns into an
 * access token for a scope. Tokens are returned to the caller's request only: never logged,
 * stored or sent anywhere but the host they came from.
 */

export interface TokenFailure {
  status: number;
  code: string;
  message: string;
  ms: number;
}

export type TokenResult = { ok: true; token: string; ms: number } | ({ ok: false } & TokenFailure);

const FORM = { "content-type": "application/x-www-form-urlencoded" };

function failure(status: number, body: string, ms: number, fallback: string): TokenResult {
  const error = acrError(body);
  return {
    ok: false,
    status,
    code: error?.code ?? fallback,
    message: error?.message ?? `HTTP ${status}`,
    ms,
  };
}

function tokenOf(body: string, key: "refresh_token" | "access_token"): string | null {
  try {
    const value = (JSON.parse(body) as Record<string, unknown>)[key];
    return typeof value === "string" && value.length > 0 ? value : null;
  } catch {
    return null;
  }
}

/** `POST /oauth2/exchange` on `host`: the caller's Entra token for an ACR refresh token. */
export async function exchangeRefreshToken(
  http: RegistryHttp,
  input: {
    host: string;
    service: string;
    tenant: string;
    entraToken: string;
    signal?: AbortSignal;
  },
): Promise<TokenResult> {
  const reply = await http.send(input.host, "/oauth2/exchange", {
    method: "POST",
    headers: FORM,
    signal: input.signal,
    body: new URLSearchParams({
      grant_type: "access_token",
      service: input.service,
      tenant: input.tenant,
      access_token: input.entraToken,
    }).toString(),
  });
  const token = reply.status === 200 ? tokenOf(reply.body, "refresh_token") : null;
  if (token) return { ok: true, token, ms: reply.ms };
  return failure(reply.status, reply.body, reply.ms, "CONNECTIVITY_REFRESH_TOKEN_ERROR");
}

/** `POST /oauth2/token` on `host`: an ACR access token for `scope`. */
export async function fetchAccessToken(
  http: RegistryHttp,
  input: {
    host: string;
    service: string;
    scope: string;
    refreshToken: string;
    signal?: AbortSignal;
  },
): Promise<TokenResult> {
  const reply = await http.send(input.host, "/oauth2/token", {
    method: "POST",
    headers: FORM,
    signal: input.signal,
    body: new URLSearchParams({
      grant_type: "refresh_token",
      service: input.service,
      scope: input.scope,
      refresh_token: input.refreshToken,
    }).toString(),
  });
  const token = reply.status === 200 ? tokenOf(reply.body, "access_token") : null;
  if (token) return { ok: true, token, ms: reply.ms };
  return failure(reply.status, reply.body, reply.ms, "CONNECTIVITY_ACCESS_TOKEN_ERROR");
}

/** Both steps: an access token for `scope` on `host` (the service is the host itself). */
export async function pullToken(
  http: RegistryHttp,
  input: { host: string; tenant: string; entraToken: string; scope: string; signal?: AbortSignal },
): Promise<TokenResult> {
  const refresh = await exchangeRefreshToken(http, { ...input, service: input.host });
  if (!refresh.ok) return refresh;
  const access = await fetchAccessToken(http, {
    ...input,
    service: input.host,
    refreshToken: refresh.token,
  });
  return access.ok ? { ...access, ms: refresh.ms + access.ms } : access;
}
