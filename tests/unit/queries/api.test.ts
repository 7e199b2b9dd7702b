import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QueryClient } from "@tanstack/react-query";
import { ApiClient, apiClientOf, bindApiClient } from "@/lib/queries/api";
import { shouldRetryQuery } from "@/lib/queries/query-client";
import { SignInRedirectError } from "@/lib/auth/browser/msal-token";
import { ApiError } from "@/lib/errors";

let server: Server;
let base = "";
const seen: { path?: string; authorization?: string }[] = [];

function handler(req: IncomingMessage, res: ServerResponse) {
  seen.push({ path: req.url, authorization: req.headers.authorization });
  const send = (status: number, body: string, headers: Record<string, string> = {}) => {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(body);
  };
  if (req.url === "/ok") return send(200, JSON.stringify({ subscriptions: [] }));
  if (req.url === "/arm-error")
    return send(
      403,
      JSON.stringify({
        error: { code: "AuthorizationFailed", message: "No access", status: 403, requestId: "r-1" },
      }),
    );
  if (req.url === "/error-request-id-header")
    return send(
      429,
      JSON.stringify({ error: { code: "TooManyRequests", message: "Slow down", status: 429 } }),
      { "x-ms-request-id": "r-2" },
    );
  if (req.url === "/html") {
    res.writeHead(502, { "content-type": "text/html" });
    return res.end("<html>bad gateway</html>");
  }
  return send(200, "");
}

beforeAll(async () => {
  server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const api = new ApiClient(async () => "test-token");

describe("ApiClient", () => {
  it("sends the bearer token and returns the JSON body", async () => {
    await expect(api.get(`${base}/ok`)).resolves.toEqual({ subscriptions: [] });
    expect(seen.at(-1)).toEqual({ path: "/ok", authorization: "Bearer test-token" });
  });

  it.each([
    [
      "/arm-error",
      { status: 403, code: "AuthorizationFailed", message: "No access", requestId: "r-1" },
    ],
    [
      "/error-request-id-header",
      { status: 429, code: "TooManyRequests", message: "Slow down", requestId: "r-2" },
    ],
    ["/html", { status: 502, code: "HttpError" }],
    ["/empty", { status: 200, code: "InvalidResponse" }],
  ])("%s becomes an ApiError", async (path, fields) => {
    const error = await api.get(`${base}${path}`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject(fields);
  });

  it("a connection failure is status 0, NetworkError", async () => {
    const error = await api.get("http://127.0.0.1:1/nothing").catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 0, code: "NetworkError" });
  });

  it("sends nothing when there is no token", async () => {
    const before = seen.length;
    const signedOut = new ApiClient(() => Promise.reject(new SignInRedirectError()));
    const error = await signedOut.get(`${base}/ok`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SignInRedirectError);
    expect(seen.length).toBe(before);
  });

  it("sends a PATCH with a JSON body and the bearer token", async () => {
    await expect(api.patch(`${base}/ok`, { regionalEndpoints: "Enabled" })).resolves.toEqual({
      subscriptions: [],
    });
    expect(seen.at(-1)).toEqual({ path: "/ok", authorization: "Bearer test-token" });
  });

  it("is found through the QueryClient it is bound to, and only there", () => {
    const bound = new QueryClient();
    bindApiClient(bound, api);
    expect(apiClientOf(bound)).toBe(api);
    expect(() => apiClientOf(new QueryClient())).toThrow(/sign-in gate/);
  });
});

describe("shouldRetryQuery", () => {
  it.each([
    ["network failure, first retry", 0, new ApiError(0, "NetworkError", "x"), true],
    ["5xx, second retry", 1, new ApiError(503, "ServiceUnavailable", "x"), true],
    ["5xx, third retry", 2, new ApiError(500, "InternalServerError", "x"), false],
    ["403", 0, new ApiError(403, "AuthorizationFailed", "x"), false],
    ["404", 0, new ApiError(404, "ResourceNotFound", "x"), false],
    ["429 (already retried by the server)", 0, new ApiError(429, "TooManyRequests", "x"), false],
    ["sign-in redirect", 0, new SignInRedirectError(), false],
  ])("%s", (_name, count, error, expected) => {
    expect(shouldRetryQuery(count, error)).toBe(expected);
  });
});
