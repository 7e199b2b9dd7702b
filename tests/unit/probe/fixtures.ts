import { windowStats } from "@/lib/probe/shared/stats";
import type { ProbeSample, ProbeTarget, Verdict } from "@/lib/probe/shared/types";
import type { TargetsEvent } from "@/lib/probe/shared/events";

export const GLOBAL: ProbeTarget = { host: "contoso.azurecr.io", kind: "global", region: null };
export const WEST: ProbeTarget = {
  host: "contoso.westeurope.geo.azurecr.io",
  kind: "regional",
  region: "westeurope",
};
export const EAST: ProbeTarget = {
  host: "contoso.eastus.geo.azurecr.io",
  kind: "regional",
  region: "eastus",
};
export const EAST_DATA: ProbeTarget = {
  host: "contoso.eastus.data.azurecr.io",
  kind: "data",
  region: "eastus",
};

let seq = 0;

/** A sample of `target`; lost (no status, no TTFB) unless the verdict got an answer. */
export function sample(
  target: ProbeTarget,
  overrides: Partial<Omit<ProbeSample, "phases">> & {
    ttfbMs?: number | null;
    phases?: Partial<ProbeSample["phases"]>;
  } = {},
): ProbeSample {
  const verdict: Verdict = overrides.verdict ?? "ok";
  const answered = !["refused", "timeout", "dns", "tls"].includes(verdict);
  const reused = overrides.reused ?? true;
  const ttfbMs = overrides.ttfbMs === undefined ? (answered ? 10 : null) : overrides.ttfbMs;
  const { phases, ...rest } = overrides;
  delete (rest as { ttfbMs?: unknown }).ttfbMs;
  const base = {
    seq: ++seq,
    host: target.host,
    kind: target.kind,
    region: target.region,
    at: "2026-01-02T03:04:05.000Z",
    verdict,
    status: answered ? (verdict === "ok" ? 401 : 403) : null,
    reused,
    remoteAddress: answered ? "127.0.0.1" : null,
    lagMs: 0,
    phases: {
      dnsMs: reused ? null : 0.5,
      connectMs: reused ? null : 20,
      tlsMs: reused ? null : 21,
      sendMs: 0.1,
      ttfbMs,
      totalMs: (ttfbMs ?? 3000) + (reused ? 0.5 : 42),
      ...phases,
    },
    ...rest,
  };
  const stats = windowStats([base], true);
  return { stats, coldStats: windowStats([base], false), ...base };
}

/** Warm stats as the server would send them for these TTFB values. */
export function warmStats(ttfbs: number[], lost = 0) {
  const window = [
    ...ttfbs.map((t) => ({
      verdict: "ok" as const,
      status: 401,
      reused: true,
      phases: { ttfbMs: t },
    })),
    ...Array.from({ length: lost }, () => ({
      verdict: "refused" as const,
      status: null,
      reused: false,
      phases: { ttfbMs: null },
    })),
  ];
  return windowStats(window, true);
}

export function targetsEvent(
  targets: ProbeTarget[],
  overrides: Partial<TargetsEvent> = {},
): TargetsEvent {
  return {
    registryId:
      "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-prod/providers/Microsoft.ContainerRegistry/registries/contoso",
    registryName: "contoso",
    region: null,
    targets,
    intervalMs: 2000,
    loopIntervalMs: 2000,
    vantage: { consoleHost: "console-1", mode: "emulator" },
    at: "2026-01-02T03:04:05.000Z",
    ...overrides,
  };
}
