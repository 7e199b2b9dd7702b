import { randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";

/**
 * ACR's response conventions: the Docker registry error envelope `{ errors: [{ code, message,
 * detail? }] }`, and the headers ACR sends on its data plane (seen in recorded ACR traffic).
 */
export interface AcrError {
  code: string;
  message: string;
  detail?: unknown;
}

export const AUTH_REQUIRED =
  "authentication required, visit https://aka.ms/acr/authorization for more information.";

const EXPOSED = "Docker-Content-Digest, WWW-Authenticate, Link, X-Ms-Correlation-Request-Id";

export function baseHeaders(): Record<string, string> {
  return {
    Server: "openresty",
    "Docker-Distribution-Api-Version": "registry/2.0",
    "X-Ms-Correlation-Request-Id": randomUUID(),
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
    "X-Content-Type-Options": "nosniff",
    "Access-Control-Expose-Headers": EXPOSED,
  };
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...baseHeaders(),
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(res.req.method === "HEAD" ? undefined : text);
}

export function sendErrors(
  res: ServerResponse,
  status: number,
  errors: AcrError[],
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, { errors }, headers);
}

/** The Bearer challenge: realm and service name the host the client used. */
export function challenge(host: string, scope?: string, error?: string): string {
  let value = `Bearer realm="https://${host}/oauth2/token",service="${host}"`;
  if (scope) value += `,scope="${scope}"`;
  if (error) value += `,error="${error}"`;
  return value;
}

/** Answers forced on a whole region through the control API. */
export function sendForcedStatus(
  res: ServerResponse,
  status: 403 | 429 | 503,
  clientIp: string,
): void {
  const ip = clientIp.replace(/^::ffff:/, "");
  if (status === 403) {
    sendErrors(res, 403, [
      {
        code: "DENIED",
        message: `client with IP '${ip}' is not allowed access. Refer https://aka.ms/acr/firewall to grant access.`,
      },
    ]);
  } else if (status === 429) {
    sendErrors(
      res,
      429,
      [{ code: "TOOMANYREQUESTS", message: "too many requests, retry after some time" }],
      { "Retry-After": String(FORCED_RETRY_AFTER_S) },
    );
  } else {
    sendErrors(res, 503, [{ code: "UNAVAILABLE", message: "service unavailable" }]);
  }
}

/** Retry-After (seconds) of a region forced to 429. */
const FORCED_RETRY_AFTER_S = 1;
