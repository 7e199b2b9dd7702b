import type { ProbeTarget } from "@/lib/probe/shared/types";
import type { FleetRegistry } from "./types";

/**
 * The endpoints a sweep probes for these registries, all from ARM or Resource Graph data: the
 * login server, each replica's regional endpoint where the source lists it, and each dedicated
 * data endpoint. A regional endpoint the source does not carry (unknown) is not probed.
 */
export function fleetTargets(registries: readonly FleetRegistry[]): ProbeTarget[] {
  const byHost = new Map<string, ProbeTarget>();
  const add = (host: string, kind: ProbeTarget["kind"], region: string | null) => {
    const key = host.toLowerCase();
    if (host && !host.includes("*") && !byHost.has(key))
      byHost.set(key, { host: key, kind, region });
  };
  for (const registry of registries) {
    add(registry.loginServer, "global", null);
    for (const replica of registry.replicas) {
      if (replica.regionalEndpoint) add(replica.regionalEndpoint, "regional", replica.region);
      if (replica.dataEndpoint) add(replica.dataEndpoint, "data", replica.region);
    }
  }
  return [...byHost.values()];
}
