import "server-only";
import { setMaxListeners } from "node:events";
import type { Caller } from "@/lib/auth/server/verify-token";
import { ApiError } from "@/lib/errors";
import { targetsFromRegistry } from "@/lib/probe/shared/targets";
import type { ProbeTarget } from "@/lib/probe/shared/types";
import type { EndpointHealth, HealthCheckResult, HealthStep } from "@/lib/repro/types";
import type { Registry } from "@/lib/types";
import { challengeStep, dnsStep, skipped, transportSteps } from "./connectivity";
import { blobStep, manifestStep, tokenStep } from "./data-steps";
import type { RegistryHttp } from "./http";

export interface HealthCheckInput {
  /** Only this region's endpoints (the pinned-replica page). */
  region?: string;
  /** Only this endpoint (one of ARM's host names for the registry). */
  host?: string;
  repository?: string;
  tag?: string;
  vantage: string;
  signal?: AbortSignal;
}

/** The hosts a server-side request may reach for this registry: only those ARM lists. */
export function registryHosts(registry: Registry): Set<string> {
  return new Set(targetsFromRegistry(registry).map((t) => t.host.toLowerCase()));
}

/** The endpoints a check covers, all from ARM's data; 404 when the filter leaves none. */
export function healthTargets(
  registry: Registry,
  input: { region?: string; host?: string },
): ProbeTarget[] {
  let targets = targetsFromRegistry(registry);
  if (input.host) targets = targets.filter((t) => t.host === input.host!.toLowerCase());
  if (input.region) targets = targets.filter((t) => t.region === input.region);
  if (targets.length === 0) {
    throw new ApiError(
      404,
      "NoSuchEndpoint",
      input.host
        ? `${input.host} is not an endpoint ARM lists for registry ${registry.name}.`
        : `Registry ${registry.name} has no endpoint in ${input.region}: ARM lists no regional or dedicated data endpoint there.`,
    );
  }
  return targets;
}

function verdictOf(steps: HealthStep[]): EndpointHealth["verdict"] {
  if (steps.some((s) => s.status === "fail")) return "fail";
  return steps.some((s) => s.status === "warn") ? "warn" : "pass";
}

const after = (why: string) => (name: HealthStep["step"]) => skipped(name, why);

/** Every step for one endpoint, stopping at the first failure (later steps are skipped). */
export async function checkEndpoint(
  http: RegistryHttp,
  registry: Registry,
  caller: Caller,
  target: ProbeTarget,
  input: HealthCheckInput,
): Promise<EndpointHealth> {
  const steps: HealthStep[] = [];
  const finish = () => ({ ...target, steps, verdict: verdictOf(steps) });
  const stop = (why: string, names: HealthStep["step"][]) => {
    steps.push(...names.map(after(why)));
    return finish();
  };
  const dns = await dnsStep(http, target.host);
  steps.push(dns);
  if (dns.status === "fail")
    return stop("DNS failed", ["tcp", "tls", "challenge", "token", "manifest", "blob"]);
  steps.push(...(await transportSteps(http, target.host, input.signal)));
  if (steps.some((s) => s.status === "fail")) {
    return stop("no TLS connection", ["challenge", "token", "manifest", "blob"]);
  }
  if (target.kind === "data") {
    return stop("a data endpoint serves blob downloads only: see its region's blob step", [
      "challenge",
      "token",
      "manifest",
      "blob",
    ]);
  }
  const challenge = await challengeStep(
    http,
    target.host,
    registry,
    registryHosts(registry),
    input.signal,
  );
  steps.push(challenge.step);
  if (!challenge.realmHost || !challenge.service) {
    return stop("the challenge failed", ["token", "manifest", "blob"]);
  }
  const token = await tokenStep(http, {
    realmHost: challenge.realmHost,
    service: challenge.service,
    tenant: caller.tenantId,
    entraToken: caller.token,
    repository: input.repository ?? null,
    signal: input.signal,
  });
  steps.push(token.step);
  if (!input.repository || !input.tag) {
    return stop("choose a repository and a tag", ["manifest", "blob"]);
  }
  if (!token.token) return stop("no access token", ["manifest", "blob"]);
  const manifest = await manifestStep(http, {
    host: target.host,
    token: token.token,
    repository: input.repository,
    tag: input.tag,
    signal: input.signal,
  });
  steps.push(manifest.step);
  if (!manifest.digest) return stop("no manifest", ["blob"]);
  steps.push(
    await blobStep(http, registry, {
      host: target.host,
      region: target.region,
      token: token.token,
      repository: input.repository,
      digest: manifest.digest,
      signal: input.signal,
    }),
  );
  return finish();
}

/** The health check of the chosen endpoints of a registry, endpoints side by side. */
export async function runHealthCheck(
  http: RegistryHttp,
  registry: Registry,
  caller: Caller,
  input: HealthCheckInput,
): Promise<HealthCheckResult> {
  const targets = healthTargets(registry, input);
  // One abort listener per data-plane request of this run.
  if (input.signal) setMaxListeners(100, input.signal);
  const at = new Date().toISOString();
  const endpoints = await Promise.all(
    targets.map((t) => checkEndpoint(http, registry, caller, t, input)),
  );
  if (input.signal?.aborted) throw new ApiError(499, "Canceled", "The health check was canceled.");
  return {
    registryId: registry.id,
    registryName: registry.name,
    region: input.region ?? null,
    repository: input.repository ?? "",
    tag: input.tag ?? "",
    at,
    vantage: input.vantage,
    endpoints,
  };
}
