import type { EndpointSource } from "@/lib/endpoints/table";
import type { Replica } from "@/lib/types";
import { targetsFromRegistry } from "./targets";
import type { ProbeTarget } from "./types";

/** The replica fields coverage depends on. */
export type CoverageReplica = Pick<Replica, "region" | "globalEndpointRouting">;

/**
 * Which probes, if any, speak for one replica:
 * - probed through its own endpoints (its regional login server, its dedicated data endpoint);
 * - probed through the global login server, when it is the only replica in global endpoint
 *   routing (the global name can reach no other);
 * - not probed, with the reason: then nothing on the page vouches for it, the global row's `ok`
 *   included.
 */
export type ReplicaCoverage =
  | { region: string; probed: true; via: "own" | "global"; targets: ProbeTarget[] }
  | { region: string; probed: false; reason: string };

function noOwnEndpoint(registry: EndpointSource): string {
  if (registry.regionalEndpoints === "Enabled") {
    return "ARM lists no regional login server for this region yet";
  }
  if (registry.regionalEndpoints === "Disabled") {
    return "regional endpoints are off, so this replica has no login server of its own";
  }
  return `regional endpoints are not available on the ${registry.sku} SKU, so this replica has no login server of its own`;
}

/**
 * What the probes cover of each replica, in the replicas' order. `targets` defaults to what the
 * probe stream probes for the registry (`targetsFromRegistry`).
 */
export function replicaCoverage(
  registry: EndpointSource,
  replicas: readonly CoverageReplica[],
  targets: readonly ProbeTarget[] = targetsFromRegistry(registry),
): ReplicaCoverage[] {
  const global = targets.find((t) => t.kind === "global");
  const routed = replicas.filter((r) => r.globalEndpointRouting);
  return replicas.map((replica): ReplicaCoverage => {
    const region = replica.region;
    const own = targets.filter((t) => t.kind !== "global" && t.region === region);
    if (own.length > 0) return { region, probed: true, via: "own", targets: own };
    if (global && replica.globalEndpointRouting && routed.length === 1) {
      return { region, probed: true, via: "global", targets: [global] };
    }
    const why = noOwnEndpoint(registry);
    const viaGlobal = replica.globalEndpointRouting
      ? `the global login server sends this console to one of the ${routed.length} replicas in global endpoint routing (the one nearest the console server), so its verdict does not vouch for this one`
      : "global endpoint routing excludes it, so the global login server never reaches it";
    return { region, probed: false, reason: `Not probed: ${why}; ${viaGlobal}.` };
  });
}

/**
 * What the global row's verdict speaks for, said under it: the global login server sends this
 * console to one replica of those in global endpoint routing, never to all of them. Undefined
 * when the registry has no replicas to name (Basic, Standard).
 */
export function globalRowNote(replicas: readonly CoverageReplica[]): string | undefined {
  if (replicas.length === 0) return undefined;
  const routed = replicas.filter((r) => r.globalEndpointRouting).map((r) => r.region);
  if (routed.length === 0) {
    return "No replica is in global endpoint routing: the global login server reaches none.";
  }
  if (routed.length === 1) {
    return `Reaches ${routed[0]}, the only replica in global endpoint routing.`;
  }
  return `From this console it reaches one of the ${routed.length} replicas in global endpoint routing (${routed.join(", ")}): its verdict speaks for that one only.`;
}
