import { describe, expect, it } from "vitest";
import {
  classify,
  parseRetryAfter,
  parseWwwAuthenticate,
  type FailureStage,
} from "@/lib/probe/server";

const HOST = "contosoprod.westeurope.geo.azurecr.io";
const acrChallenge = (host: string) =>
  `Bearer realm="https://${host}/oauth2/token",service="${host}"`;
const answer = (status: number, wwwAuthenticate?: string | string[], retryAfter?: string) =>
  classify({ type: "response", host: HOST, status, wwwAuthenticate, retryAfter });
const failure = (code: string | undefined, stage: FailureStage = "connect") =>
  classify({ type: "failure", code, stage });

describe("classify: HTTP answers", () => {
  it.each([
    { name: "401 with ACR's challenge", status: 401, header: acrChallenge(HOST), verdict: "ok" },
    { name: "200 (anonymous /v2/)", status: 200, header: undefined, verdict: "ok" },
    {
      name: "401, scheme and host in other case, extra scope param",
      status: 401,
      header: `bearer Realm="https://${HOST.toUpperCase()}/oauth2/token",Service="${HOST}",scope="x"`,
      verdict: "ok",
    },
    {
      name: "401, realm on the host but service named differently",
      status: 401,
      header: `Bearer realm="https://${HOST}/oauth2/token",service="contosoprod.azurecr.io"`,
      verdict: "ok",
    },
    {
      name: "401, Basic before Bearer (two challenges in one line)",
      status: 401,
      header: `Basic realm="x", ${acrChallenge(HOST)}`,
      verdict: "ok",
    },
    {
      name: "401, challenges on separate header lines",
      status: 401,
      header: ['Basic realm="x"', acrChallenge(HOST)],
      verdict: "ok",
    },
    { name: "401 without WWW-Authenticate", status: 401, header: undefined, verdict: "error" },
    {
      name: "401 with only Basic",
      status: 401,
      header: 'Basic realm="registry"',
      verdict: "error",
    },
    {
      name: "401 whose challenge names another host",
      status: 401,
      header: acrChallenge("evil.example.com"),
      verdict: "error",
    },
    {
      name: "401 with a plain-http realm",
      status: 401,
      header: `Bearer realm="http://${HOST}/oauth2/token"`,
      verdict: "error",
    },
    {
      name: "401 with a Bearer without realm",
      status: 401,
      header: `Bearer service="${HOST}"`,
      verdict: "error",
    },
    {
      name: "401 with a malformed header",
      status: 401,
      header: 'Bearer realm="unterminated',
      verdict: "error",
    },
    {
      name: "401 whose realm host only starts with the host",
      status: 401,
      header: `Bearer realm="https://${HOST}.evil.example/oauth2/token"`,
      verdict: "error",
    },
    { name: "403", status: 403, header: undefined, verdict: "forbidden" },
    { name: "429", status: 429, header: undefined, verdict: "throttled" },
    { name: "404", status: 404, header: undefined, verdict: "error" },
    { name: "500", status: 500, header: undefined, verdict: "error" },
    { name: "503", status: 503, header: undefined, verdict: "error" },
    { name: "301", status: 301, header: undefined, verdict: "error" },
  ])("$name -> $verdict", ({ status, header, verdict }) => {
    expect(answer(status, header).verdict).toBe(verdict);
  });

  it("keeps Retry-After of a 429", () => {
    expect(answer(429, undefined, "17")).toEqual({
      verdict: "throttled",
      error: "HTTP 429",
      retryAfter: "17",
    });
    expect(answer(429).retryAfter).toBeUndefined();
  });

  it("says why a challenge is bad", () => {
    expect(answer(401, acrChallenge("other.azurecr.io")).error).toContain("other.azurecr.io");
    expect(answer(401).error).toBe("401 without WWW-Authenticate");
    expect(answer(500).error).toBe("HTTP 500");
  });
});

describe("classify: failures", () => {
  it.each([
    { code: "ENOTFOUND", stage: "dns", verdict: "dns" },
    { code: "EAI_AGAIN", stage: "dns", verdict: "dns" },
    { code: "ECONNREFUSED", stage: "connect", verdict: "refused" },
    { code: "EHOSTUNREACH", stage: "connect", verdict: "refused" },
    { code: "ECONNRESET", stage: "connect", verdict: "refused" },
    { code: "ECONNRESET", stage: "tls", verdict: "refused" },
    { code: "ECONNRESET", stage: "request", verdict: "error" },
    { code: "ECONNRESET", stage: "response", verdict: "error" },
    { code: "PROBE_TIMEOUT", stage: "tls", verdict: "timeout" },
    { code: "ETIMEDOUT", stage: "connect", verdict: "timeout" },
    { code: "CERT_HAS_EXPIRED", stage: "tls", verdict: "tls" },
    { code: "CERT_NOT_YET_VALID", stage: "tls", verdict: "tls" },
    { code: "UNABLE_TO_VERIFY_LEAF_SIGNATURE", stage: "tls", verdict: "tls" },
    { code: "UNABLE_TO_GET_ISSUER_CERT_LOCALLY", stage: "tls", verdict: "tls" },
    { code: "DEPTH_ZERO_SELF_SIGNED_CERT", stage: "tls", verdict: "tls" },
    { code: "SELF_SIGNED_CERT_IN_CHAIN", stage: "tls", verdict: "tls" },
    { code: "ERR_TLS_CERT_ALTNAME_INVALID", stage: "tls", verdict: "tls" },
    { code: "ERR_SSL_WRONG_VERSION_NUMBER", stage: "tls", verdict: "tls" },
    { code: "ERR_SSL_TLSV1_ALERT_INTERNAL_ERROR", stage: "tls", verdict: "tls" },
    { code: "EPROTO", stage: "tls", verdict: "tls" },
    { code: "ERR_HTTP_PARSER", stage: "response", verdict: "error" },
    { code: undefined, stage: "connect", verdict: "error" },
  ] as const)("$code during $stage -> $verdict", ({ code, stage, verdict }) => {
    const result = failure(code, stage);
    expect(result.verdict).toBe(verdict);
    expect(result.error).toBe(code ?? "UNKNOWN");
  });
});

describe("parseWwwAuthenticate", () => {
  it("reads ACR's challenge", () => {
    expect(parseWwwAuthenticate(acrChallenge(HOST))).toEqual([
      { scheme: "Bearer", params: { realm: `https://${HOST}/oauth2/token`, service: HOST } },
    ]);
  });

  it("reads several challenges, token68, escapes and spaces around =", () => {
    expect(
      parseWwwAuthenticate(
        `Negotiate abc123==, Bearer realm = "a\\"b" , error=invalid_token, Basic`,
      ),
    ).toEqual([
      { scheme: "Negotiate", params: {}, token68: "abc123==" },
      { scheme: "Bearer", params: { realm: 'a"b', error: "invalid_token" } },
      { scheme: "Basic", params: {} },
    ]);
  });

  it("takes a bare `name=` as a token68, not as an empty parameter", () => {
    expect(parseWwwAuthenticate("Bearer realm=")).toEqual([
      { scheme: "Bearer", params: {}, token68: "realm=" },
    ]);
    expect(answer(401, "Bearer realm=").verdict).toBe("error");
  });

  it.each([
    'Bearer realm="open',
    'Bearer realm="a", =b',
    'Bearer realm="a" junk',
    "=x",
    'Bearer a="1",a="2"',
  ])("refuses %j", (header) => {
    expect(parseWwwAuthenticate(header)).toBeNull();
  });
});

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-01-01T00:00:00Z");
  it.each([
    { value: "0", ms: 0 },
    { value: "17", ms: 17_000 },
    { value: " 5 ", ms: 5_000 },
    { value: "Thu, 01 Jan 2026 00:00:30 GMT", ms: 30_000 },
    { value: "Wed, 31 Dec 2025 23:59:00 GMT", ms: 0 },
    { value: "-1", ms: undefined },
    { value: "1.5", ms: undefined },
    { value: "soon", ms: undefined },
    { value: "2026-01-01T00:00:30Z", ms: undefined },
    { value: undefined, ms: undefined },
  ])("$value -> $ms", ({ value, ms }) => {
    expect(parseRetryAfter(value, now)).toBe(ms);
  });
});
