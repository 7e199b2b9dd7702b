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

export interface Readiness {
  status: "ready" | "not-ready" | "draining";
  checks: { configuration: CheckResult; identity: CheckResult; arm: CheckResult };
}

/** A passed check stands for this long: probes every few seconds should not each call out. */
const READY_CACHE_MS = 10_000;
let lastReady: { key: string; at: number } | undefined;

/**
 * Ready when the configuration is valid, the identity provider's signing keys can be read (every
 * request's token is checked against them) and ARM answers; not while the server shuts down.
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
  return { status: ready ? "ready" : "not-ready", checks };
}
