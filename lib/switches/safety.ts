import type { Replica } from "../types";
import { servingAfter } from "./global-routing";

/**
 * A replica as the switch dialogs weigh it: ARM's state and, where the page probes it, whether
 * its probes fail. `probe` is absent for a replica that is not probed: then only ARM speaks.
 */
export type SafetyReplica = Pick<
  Replica,
  "region" | "provisioningState" | "status" | "globalEndpointRouting"
> & {
  probe?: { failing: boolean; verdicts: string[] };
};

/**
 * Why a replica may not serve clients well, in a few words each: ARM reports it Syncing (it may
 * lack recent images) or Failed, or its latest probes fail. Empty for a replica that looks fine.
 */
export function replicaConcerns(replica: SafetyReplica): string[] {
  const concerns: string[] = [];
  const display = replica.status.displayStatus;
  if (display && /^syncing$/i.test(display)) {
    concerns.push("ARM reports it Syncing (it may lack recent images)");
  }
  if (replica.provisioningState === "Failed" || (display && /^failed$/i.test(display))) {
    concerns.push("ARM reports it Failed");
  }
  if (replica.probe?.failing) {
    const verdicts = [...new Set(replica.probe.verdicts)].join(", ");
    concerns.push(`its latest probes fail${verdicts ? ` (${verdicts})` : ""}`);
  }
  return concerns;
}

function named(replica: SafetyReplica): string {
  return `${replica.region}: ${replicaConcerns(replica).join("; ")}`;
}

const list = (regions: readonly SafetyReplica[]) => regions.map((r) => r.region).join(", ");

/**
 * What the regional endpoints dialog must say about replicas in trouble. Turning them on exposes
 * every replica directly (a regional login server always reaches its replica, healthy or not);
 * turning them off moves pinned clients to the global login server, which may send them to a
 * troubled replica still in global endpoint routing.
 */
export function regionalEndpointsSafety(
  replicas: readonly SafetyReplica[],
  enable: boolean,
): string[] {
  const troubled = replicas.filter((r) => replicaConcerns(r).length > 0);
  if (enable) {
    return troubled.map(
      (r) =>
        `${named(r)}. Its regional login server will reach it directly, with no failover to a healthy replica: clients pinned to it get what it serves.`,
    );
  }
  return troubled
    .filter((r) => r.globalEndpointRouting)
    .map(
      (r) =>
        `${named(r)}. It stays in global endpoint routing, so clients moved to the global login server may be sent there.`,
    );
}

/**
 * What one replica's global endpoint routing dialog must say about replicas in trouble: turning
 * routing on for a troubled replica sends global clients to it; turning it off leaves the others,
 * and when none of those is healthy, every client of the global name lands on a troubled one.
 */
export function globalRoutingSafety(
  replicas: readonly SafetyReplica[],
  region: string,
  on: boolean,
): string[] {
  const target = replicas.find((r) => r.region === region);
  if (on) {
    if (!target || replicaConcerns(target).length === 0) return [];
    return [
      `${named(target)}. Turning global endpoint routing on sends clients of the global login server to it.`,
    ];
  }
  const remaining = servingAfter(replicas, region, false);
  const troubled = remaining.filter((r) => replicaConcerns(r).length > 0);
  if (remaining.length === 0 || troubled.length === 0) return [];
  if (troubled.length === remaining.length) {
    return [
      `No healthy replica is left in global endpoint routing after this change: every client of the global login server lands on ${list(remaining)}.`,
      ...troubled.map((r) => `${named(r)}.`),
    ];
  }
  return troubled.map(
    (r) =>
      `${named(r)}. It stays in global endpoint routing and takes a share of ${region}'s clients.`,
  );
}
