import { listEndpoints, type EndpointSource } from "@/lib/endpoints/table";
import type { Endpoint } from "@/lib/types";
import type { ProbeTarget } from "./types";

/**
 * Probe targets from endpoint rows (as `listEndpoints` in lib/endpoints builds them from ARM
 * data). The `*.blob...` wildcard row of a registry without dedicated data endpoints names no
 * host and is skipped; duplicate hosts are probed once.
 */
export function targetsFromEndpoints(endpoints: readonly Endpoint[]): ProbeTarget[] {
  const byHost = new Map<string, ProbeTarget>();
  for (const e of endpoints) {
    if (e.wildcard || e.host.includes("*")) continue;
    const host = e.host.toLowerCase();
    if (!byHost.has(host)) byHost.set(host, { host, kind: e.kind, region: e.region });
  }
  return [...byHost.values()];
}

/**
 * Every probeable endpoint of a registry read from ARM: the rows of the Endpoints table
 * (`listEndpoints`) less the `*.blob...` wildcards, which name no host.
 */
export function targetsFromRegistry(registry: EndpointSource): ProbeTarget[] {
  return targetsFromEndpoints(listEndpoints(registry, []));
}

/**
 * One string per set of targets, the same whatever their order: two lists name the same
 * endpoints (hosts, kinds and regions) exactly when their keys are equal.
 */
export function targetsKey(targets: readonly ProbeTarget[]): string {
  return targets
    .map((t) => `${t.kind}|${t.region ?? ""}|${t.host}`)
    .sort()
    .join(" ");
}
