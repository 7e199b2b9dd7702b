import "server-only";
import type { HealthStep } from "@/lib/repro/types";
import type { Registry } from "@/lib/types";
import { acrError, bearerChallenge } from "./acr-errors";
import type { RegistryHttp } from "./http";

/** Certificates closer to expiry than this are a warning. */
export const CERT_WARN_DAYS = 14;

export function elapsed(start: number): number {
  return Math.round((performance.now() - start) * 10) / 10;
}

function errorCode(err: unknown): string {
  const e = err as NodeJS.ErrnoException & { name?: string };
  if (e?.name === "AbortError") return "ABORTED";
  return e?.code ?? "ERROR";
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

const allow443 = (host: string) => `a client firewall must allow ${host} on TCP 443`;

/** DNS: the addresses the host resolves to. */
export async function dnsStep(http: RegistryHttp, host: string): Promise<HealthStep> {
  const start = performance.now();
  try {
    const addresses = await http.resolve(host);
    return { step: "dns", status: "pass", ms: elapsed(start), detail: addresses.join(", ") };
  } catch (err) {
    return {
      step: "dns",
      status: "fail",
      ms: elapsed(start),
      detail: `${host} does not resolve`,
      code: "CONNECTIVITY_DNS_ERROR",
      message: errorMessage(err),
      advice:
        "Check the client's DNS. With private endpoints the name must resolve through the private DNS zone privatelink.azurecr.io linked to the client's virtual network.",
    };
  }
}

/** TCP and TLS from one handshake: time of each, certificate names, chain and expiry. */
export async function transportSteps(
  http: RegistryHttp,
  host: string,
  signal?: AbortSignal,
): Promise<[HealthStep, HealthStep]> {
  const start = performance.now();
  try {
    const facts = await http.handshake(host, signal);
    const tcp: HealthStep = {
      step: "tcp",
      status: "pass",
      ms: facts.tcpMs,
      detail: `connected to ${facts.remoteAddress}`,
    };
    const problems: string[] = [];
    if (!facts.coversHost) problems.push(`the certificate does not cover ${host}`);
    if (!facts.chainTrusted)
      problems.push(`the chain is not trusted (${facts.chainError ?? "unknown"})`);
    if (facts.daysLeft < 0) problems.push(`the certificate expired on ${facts.validTo}`);
    const detail = `certificate ${facts.subject} issued by ${facts.issuer}, valid to ${facts.validTo} (${facts.daysLeft} days)`;
    const tls: HealthStep =
      problems.length > 0
        ? {
            step: "tls",
            status: "fail",
            ms: facts.tlsMs,
            detail,
            code: "CONNECTIVITY_SSL_ERROR",
            message: problems.join("; "),
            advice:
              "A proxy or firewall that inspects TLS replaces ACR's certificate: exempt the registry's host names from inspection, or trust its CA on the client.",
          }
        : facts.daysLeft < CERT_WARN_DAYS
          ? {
              step: "tls",
              status: "warn",
              ms: facts.tlsMs,
              detail,
              message: "the certificate expires soon",
            }
          : { step: "tls", status: "pass", ms: facts.tlsMs, detail };
    return [tcp, tls];
  } catch (err) {
    const code = errorCode(err);
    const ms = elapsed(start);
    const unrecognized = code === "ERR_SSL_TLSV1_UNRECOGNIZED_NAME" || code === "EPROTO";
    const reset = code === "ECONNRESET";
    const tcpFailed = !unrecognized && !reset;
    const tcp: HealthStep = tcpFailed
      ? {
          step: "tcp",
          status: "fail",
          ms,
          detail: `no connection to ${host}:443`,
          code,
          message: errorMessage(err),
          advice: `The endpoint did not accept a connection: ${allow443(host)}.`,
        }
      : { step: "tcp", status: "pass", detail: "connected" };
    const tls: HealthStep = tcpFailed
      ? skipped("tls", "no connection")
      : {
          step: "tls",
          status: "fail",
          ms,
          detail: unrecognized
            ? `the endpoint does not serve ${host}`
            : "the connection was reset during the handshake",
          code: unrecognized ? "CONNECTIVITY_DNS_ERROR" : code,
          message: errorMessage(err),
          advice: unrecognized
            ? "The name is not served: regional names exist only while the registry's regional endpoints are enabled, data names only with dedicated data endpoints."
            : `The region refused the connection (down, or a network device reset it): ${allow443(host)}.`,
        };
    return [tcp, tls];
  }
}

export function skipped(step: HealthStep["step"], why: string): HealthStep {
  return { step, status: "skipped", detail: why };
}

export interface ChallengeOutcome {
  step: HealthStep;
  /** Where the token flow happens, from the challenge. */
  realmHost?: string;
  service?: string;
}

/** `GET /v2/` without credentials: 401 with a Bearer challenge is reachable and healthy. */
export async function challengeStep(
  http: RegistryHttp,
  host: string,
  registry: Registry,
  allowedHosts: ReadonlySet<string>,
  signal?: AbortSignal,
): Promise<ChallengeOutcome> {
  const start = performance.now();
  let reply;
  try {
    reply = await http.send(host, "/v2/", { signal });
  } catch (err) {
    return {
      step: {
        step: "challenge",
        status: "fail",
        ms: elapsed(start),
        detail: "no answer",
        code: "CONNECTIVITY_CHALLENGE_ERROR",
        message: errorMessage(err),
        advice: `The endpoint did not answer: ${allow443(host)}.`,
      },
    };
  }
  const ms = reply.ms;
  const acr = acrError(reply.body);
  if (reply.status === 403) {
    const publicOff = registry.publicNetworkAccess === "Disabled";
    return {
      step: {
        step: "challenge",
        status: "fail",
        ms,
        detail: "403 Forbidden",
        code: "CONNECTIVITY_FORBIDDEN_ERROR",
        message: acr ? `${acr.code}: ${acr.message}` : "403",
        advice: publicOff
          ? `The registry's public network access is Disabled: reach ${host} through a private endpoint, or allow public access with network rules for this client's IP.`
          : `The registry's firewall (network rules) refuses this client's IP: add it to the registry's allowed IP ranges or use a private endpoint; ${allow443(host)}.`,
      },
    };
  }
  if (reply.status === 429) {
    return {
      step: {
        step: "challenge",
        status: "fail",
        ms,
        detail: "429 Too Many Requests",
        code: "CONNECTIVITY_TOOMANYREQUESTS_ERROR",
        message: acr ? `${acr.code}: ${acr.message}` : "429",
        advice:
          "This replica throttles requests (per replica). Spread pulls over regional endpoints or retry after the time Retry-After gives.",
      },
    };
  }
  const params = bearerChallenge(reply.headers["www-authenticate"]);
  if (reply.status !== 401 || !params?.realm || !params.service) {
    return {
      step: {
        step: "challenge",
        status: "fail",
        ms,
        detail: `HTTP ${reply.status} without a Bearer challenge`,
        code: "CONNECTIVITY_CHALLENGE_ERROR",
        message: acr ? `${acr.code}: ${acr.message}` : `HTTP ${reply.status}`,
        advice:
          "A proxy answered instead of ACR, or the endpoint is unhealthy: ACR answers /v2/ with 401 and a Bearer challenge.",
      },
    };
  }
  let realmHost = "";
  try {
    realmHost = new URL(params.realm).hostname.toLowerCase();
  } catch {
    // checked below
  }
  const detail = `realm ${params.realm}, service ${params.service}`;
  if (!allowedHosts.has(realmHost)) {
    return {
      step: {
        step: "challenge",
        status: "fail",
        ms,
        detail,
        code: "CONNECTIVITY_CHALLENGE_ERROR",
        message: "the realm names a host ARM does not list for this registry",
        advice: "Tokens are not requested there: something other than ACR answered the challenge.",
      },
    };
  }
  const namesHost = realmHost === host && params.service.toLowerCase() === host;
  return {
    step: namesHost
      ? { step: "challenge", status: "pass", ms, detail }
      : {
          step: "challenge",
          status: "warn",
          ms,
          detail,
          message: "the realm or service names another host of the registry",
        },
    realmHost,
    service: params.service,
  };
}
