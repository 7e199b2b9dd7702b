import "server-only";
import { isRegistryHost } from "@/lib/cloud";
import { getServerConfig } from "@/lib/env";
import { ApiError } from "@/lib/errors";
import { targetsFromRegistry, type ProbeTarget } from "@/lib/probe/server";
import { targetsKey } from "@/lib/probe/shared/targets";
import type { Registry } from "@/lib/types";

/**
 * The endpoints a stream probes: every probeable endpoint of the registry as ARM describes it,
 * or only those of one region (the pin-to-one-replica view). Throws 404 `NoEndpointsInRegion`
 * when the region has none (no replica there, or its regional endpoint is off and it has no
 * dedicated data endpoint). Only registry host names of the configured cloud
 * (`<...>.azurecr.io`, `.azurecr.us`, `.azurecr.cn`; lib/cloud.ts) are probed, whatever ARM says.
 */
export function streamTargets(registry: Registry, region?: string): ProbeTarget[] {
  const suffix = getServerConfig().cloud.registrySuffix;
  const all = targetsFromRegistry(registry).filter((t) => isRegistryHost(t.host, suffix));
  if (!region) return all;
  const pinned = all.filter((t) => t.region === region);
  if (pinned.length === 0) {
    throw new ApiError(
      404,
      "NoEndpointsInRegion",
      `Registry ${registry.name} has no endpoint to probe in ${region}: ARM lists no regional or dedicated data endpoint there.`,
    );
  }
  return pinned;
}

/** True when both lists name the same hosts with the same kinds and regions. */
export function sameTargets(a: readonly ProbeTarget[], b: readonly ProbeTarget[]): boolean {
  return targetsKey(a) === targetsKey(b);
}
