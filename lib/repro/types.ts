import type { EndpointKind } from "@/lib/types";

/** The steps of a health check of one endpoint, in order (like `az acr check-health`, per host). */
export const HEALTH_STEPS = [
  "dns",
  "tcp",
  "tls",
  "challenge",
  "token",
  "manifest",
  "blob",
] as const;
export type HealthStepName = (typeof HEALTH_STEPS)[number];

export const STEP_LABELS: Record<HealthStepName, string> = {
  dns: "DNS",
  tcp: "TCP connect",
  tls: "TLS",
  challenge: "/v2/ challenge",
  token: "Token exchange",
  manifest: "Manifest HEAD",
  blob: "Blob redirect",
};

export type StepStatus = "pass" | "warn" | "fail" | "skipped";

export interface HealthStep {
  step: HealthStepName;
  status: StepStatus;
  /** Time the step took (ms); absent when skipped. */
  ms?: number;
  /** What was seen: addresses, certificate, realm, digest, redirect host. */
  detail: string;
  /** ACR's own error code (or check-health's `CONNECTIVITY_*` name) when it failed. */
  code?: string;
  /** ACR's own message, as received. */
  message?: string;
  /** What to do, in ACR's terms. */
  advice?: string;
}

export interface EndpointHealth {
  host: string;
  kind: EndpointKind;
  region: string | null;
  steps: HealthStep[];
  /** pass when every step passed or was not applicable, else the worst step status. */
  verdict: "pass" | "warn" | "fail";
}

export interface HealthCheckResult {
  registryId: string;
  registryName: string;
  region: string | null;
  repository: string;
  tag: string;
  at: string;
  vantage: string;
  endpoints: EndpointHealth[];
}

/** One row of the digest matrix. */
/**
 * `denied`: the endpoint answered but the caller's identity may not pull the repository there (a
 * token granting no pull, or a 401); `unreachable`: no answer from the endpoint.
 */
export type DigestVerdict = "home" | "same" | "different" | "missing" | "denied" | "unreachable";
/** How an endpoint answered the digest question. */
export type DigestReach = "answered" | "denied" | "unreachable";
export type DigestOverall = "consistent" | "propagating" | "diverged" | "unknown";

export interface DigestRow {
  /** The replica's region, or null for the global endpoint's row. */
  region: string | null;
  host: string;
  kind: "global" | "regional";
  isHome: boolean;
  digest: string | null;
  verdict: DigestVerdict;
  /** ACR's code and message for missing, denied or unreachable rows. */
  code?: string;
  message?: string;
  ms?: number;
}

export interface DigestMatrix {
  registryId: string;
  registryName: string;
  repository: string;
  tag: string;
  at: string;
  /** False: regional endpoints are off, only the global answer is shown. */
  regionalEndpoints: boolean;
  homeRegion: string;
  rows: DigestRow[];
  overall: DigestOverall;
}

/** Repositories (catalog) or one repository's tags, through the global login server. */
export interface RepositoryListing {
  repositories?: string[];
  tags?: string[];
}
