import "server-only";
import { signingKeysReachable } from "../auth/server/verify-token";
import { armReachable } from "../azure/reachability";
import { getServerConfig, getSettings, type ServerConfig } from "../env";
import { isDraining } from "../lifecycle/state";

/**
 * The health endpoints' answers. Unauthenticated by design (load balancers and Kubernetes call
 * them), so they say only whether each check passed: no URLs, versions, messages or timings.
 */

export type CheckResult = "ok" | "failed" | "skipped";

/** Whether a load balancer should send this instance traffic. */
export const serves = (readiness: Readiness) =>
  readiness.status === "ready" || readiness.status === "degraded";

export interface Readiness {
  /**
   * `degraded`: this instance can serve, but the identity provider or ARM did not answer. Every
   * instance shares those services, so an outage of theirs is no reason to leave a load
   * balancer's rotation: the pages would give way to the balancer's own error, where the console
   * would say what failed (ARM's code and request id). The failed check is named.
   */
  status: "ready" | "degraded" | "not-ready" | "draining";
  checks: { configuration: CheckResult; identity: CheckResult; arm: CheckResult };
}

/** A passed check stands for this long: probes every few seconds should not each call out. */
const READY_CACHE_MS = 10_000;
let lastReady: { key: string; at: number } | undefined;

/**
 * Ready when the configuration is valid and the server is not shutting down; `degraded` (still
 * serving) when the identity provider's signing keys (every request's token is checked against
 * them) or ARM do not answer.
 */
export async function readiness(now = Date.now()): Promise<Readiness> {
  let config: ServerConfig;
  try {
    config = getServerConfig();
    getSettings();
  } catch {
    return {
      status: "not-ready",
      checks: { configuration: "failed", identity: "skipped", arm: "skipped" },
    };
  }
  if (isDraining()) {
    return {
      status: "draining",
      checks: { configuration: "ok", identity: "skipped", arm: "skipped" },
    };
  }
  const key = JSON.stringify([config.armEndpoint, config.token, config.caPem ?? null]);
  if (lastReady?.key === key && now - lastReady.at < READY_CACHE_MS) {
    return { status: "ready", checks: { configuration: "ok", identity: "ok", arm: "ok" } };
  }
  const [identity, arm] = await Promise.all([signingKeysReachable(config), armReachable(config)]);
  const checks = {
    configuration: "ok" as const,
    identity: identity ? ("ok" as const) : ("failed" as const),
    arm: arm ? ("ok" as const) : ("failed" as const),
  };
  const ready = identity && arm;
  lastReady = ready ? { key, at: now } : undefined;
  return { status: ready ? "ready" : "degraded", checks };
}
