import { regionOfHost } from "@/lib/endpoints/host";
import type { Endpoint, Registry } from "@/lib/types";
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
 * Every probeable endpoint of a registry read from ARM: the login server, each regional host
 * while regional endpoints are enabled, each dedicated data host. The region of a regional or
 * data host is its second DNS label.
 */
export function targetsFromRegistry(
  registry: Pick<
    Registry,
    | "loginServer"
    | "regionalEndpoints"
    | "regionalEndpointHostNames"
    | "dataEndpointEnabled"
    | "dataEndpointHostNames"
  >,
): ProbeTarget[] {
  const endpoints: Endpoint[] = [{ kind: "global", region: null, host: registry.loginServer }];
  if (registry.regionalEndpoints === "Enabled") {
    for (const host of registry.regionalEndpointHostNames) {
      endpoints.push({ kind: "regional", region: regionOfHost(host), host });
    }
  }
  if (registry.dataEndpointEnabled) {
    for (const host of registry.dataEndpointHostNames) {
      endpoints.push({ kind: "data", region: regionOfHost(host), host });
    }
  }
  return targetsFromEndpoints(endpoints);
}
