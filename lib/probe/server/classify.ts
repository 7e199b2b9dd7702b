import "server-only";
import { parseWwwAuthenticate } from "./challenge";
import type { Verdict } from "@/lib/probe/shared/types";

/** Where a request was when it failed; decides what a reset means. */
export type FailureStage = "dns" | "connect" | "tls" | "request" | "response";

/** What a probe saw: an HTTP answer, or a failure before or during one. */
export type ProbeOutcome =
  | {
      type: "response";
      /** The host probed (the one SNI and Host named). */
      host: string;
      status: number;
      /** Every `WWW-Authenticate` header line (Node joins or separates them; both parse). */
      wwwAuthenticate?: string | readonly string[];
      retryAfter?: string;
    }
  | {
      type: "failure";
      /** Node/OpenSSL error code (`ECONNREFUSED`, `CERT_HAS_EXPIRED`, ...) or `PROBE_TIMEOUT`. */
      code?: string;
      message?: string;
      stage: FailureStage;
    };

export interface Classification {
  verdict: Verdict;
  /** Why the verdict is not `ok`: the error code, or a reason about the answer. */
  error?: string;
  retryAfter?: string;
}

/** The code the prober uses when its own timer (or the scheduler's) ran out. */
export const PROBE_TIMEOUT = "PROBE_TIMEOUT";

const DNS_CODES = new Set(["ENOTFOUND", "EAI_AGAIN", "EAI_FAIL", "EAI_NODATA", "EAI_NONAME"]);
const REFUSED_CODES = new Set(["ECONNREFUSED", "EHOSTUNREACH", "ENETUNREACH", "EHOSTDOWN"]);
const RESET_CODES = new Set(["ECONNRESET", "EPIPE", "ECONNABORTED"]);
const TIMEOUT_CODES = new Set([PROBE_TIMEOUT, "ETIMEDOUT", "ERR_TLS_HANDSHAKE_TIMEOUT"]);
const TLS_CODES = new Set([
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "UNABLE_TO_GET_CRL",
  "UNABLE_TO_DECRYPT_CERT_SIGNATURE",
  "UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "INVALID_CA",
  "PATH_LENGTH_EXCEEDED",
  "INVALID_PURPOSE",
  "HOSTNAME_MISMATCH",
  "EPROTO",
]);

function isTlsCode(code: string): boolean {
  return (
    TLS_CODES.has(code) ||
    code.startsWith("CERT_") ||
    code.startsWith("ERR_TLS_") ||
    code.startsWith("ERR_SSL_")
  );
}

function classifyFailure(code: string | undefined, stage: FailureStage): Classification {
  const error = code ?? "UNKNOWN";
  if (code === undefined) return { verdict: "error", error };
  if (TIMEOUT_CODES.has(code)) return { verdict: "timeout", error };
  if (DNS_CODES.has(code)) return { verdict: "dns", error };
  if (REFUSED_CODES.has(code)) return { verdict: "refused", error };
  if (isTlsCode(code)) return { verdict: "tls", error };
  // A reset before the TLS session exists means nobody accepted the connection: what a firewall
  // RST or a dead backend behind a listener looks like, so it counts as refused. After the request
  // was sent, the server did accept and then dropped it: an error.
  if (RESET_CODES.has(code)) {
    const beforeSession = stage === "dns" || stage === "connect" || stage === "tls";
    return { verdict: beforeSession ? "refused" : "error", error };
  }
  return { verdict: "error", error };
}

/** The host a realm URL points at, or null unless it is an absolute https URL. */
function realmHost(realm: string): string | null {
  try {
    const url = new URL(realm);
    return url.protocol === "https:" ? url.hostname : null;
  } catch {
    return null;
  }
}

function sameHost(a: string, b: string): boolean {
  return a.toLowerCase().replace(/\.$/, "") === b.toLowerCase().replace(/\.$/, "");
}

/**
 * A 401 is healthy only with a Bearer challenge that points back at the host: its realm an https
 * URL on the host, or its service the host. ACR does not document realm/service of regional
 * hosts, so either naming the host is accepted; a challenge naming only some other host is not.
 */
function classifyChallenge(host: string, header: string | readonly string[] | undefined) {
  if (header === undefined || header.length === 0) return judgeChallenge(host, header);
  // A registry answers every probe with the same challenge: judged once, not parsed every time.
  const key = `${host}\n${typeof header === "string" ? header : header.join("\n")}`;
  let judged = challengeVerdicts.get(key);
  if (judged === undefined) {
    judged = judgeChallenge(host, header);
    if (challengeVerdicts.size >= CHALLENGES_KEPT) challengeVerdicts.clear();
    challengeVerdicts.set(key, judged);
  }
  return judged;
}

/** Verdicts of the challenges seen lately, by host and header (all forgotten when full). */
const challengeVerdicts = new Map<string, ReturnType<typeof judgeChallenge>>();
const CHALLENGES_KEPT = 20_000;

function judgeChallenge(host: string, header: string | readonly string[] | undefined) {
  if (header === undefined || header.length === 0) {
    return { verdict: "error", error: "401 without WWW-Authenticate" } as const;
  }
  const challenges = parseWwwAuthenticate(header);
  if (challenges === null)
    return { verdict: "error", error: "malformed WWW-Authenticate" } as const;
  const bearer = challenges.find((c) => c.scheme.toLowerCase() === "bearer");
  if (!bearer) return { verdict: "error", error: "401 without a Bearer challenge" } as const;
  const realm = bearer.params.realm;
  const service = bearer.params.service;
  const host1 = realm === undefined ? null : realmHost(realm);
  if (host1 === null)
    return { verdict: "error", error: "Bearer challenge without an https realm" } as const;
  if (sameHost(host1, host) || (service !== undefined && sameHost(service, host))) {
    return { verdict: "ok" } as const;
  }
  return { verdict: "error", error: `challenge names ${service ?? host1}, not ${host}` } as const;
}

/**
 * The verdict of one `GET /v2/`, in ACR's terms (see `Verdict`). Pure: the same outcome always
 * gives the same verdict.
 */
export function classify(outcome: ProbeOutcome): Classification {
  if (outcome.type === "failure") return classifyFailure(outcome.code, outcome.stage);
  const { status } = outcome;
  if (status === 200) return { verdict: "ok" };
  if (status === 401) return classifyChallenge(outcome.host, outcome.wwwAuthenticate);
  if (status === 403) return { verdict: "forbidden", error: "HTTP 403" };
  if (status === 429) {
    return outcome.retryAfter === undefined
      ? { verdict: "throttled", error: "HTTP 429" }
      : { verdict: "throttled", error: "HTTP 429", retryAfter: outcome.retryAfter };
  }
  return { verdict: "error", error: `HTTP ${status}` };
}
