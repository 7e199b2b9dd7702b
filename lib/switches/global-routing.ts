import { REPLICATION_WRITE } from "../arm-constants";
import { regionOfHost } from "../endpoints/host";
import type { Registry, Replica } from "../types";
import { globalRoutingCommand, legacyGlobalRoutingCommand } from "./cli";
import type { AttemptedChange } from "./failure";
import { busyReason, isTransitional, missingActionReason, type SwitchGuard } from "./guard";

export const GLOBAL_ROUTING_PROPERTY = "properties.regionEndpointEnabled";

type RoutingReplica = Pick<Replica, "region" | "globalEndpointRouting" | "provisioningState">;

/**
 * The replicas the global login server routes to once `region` is set to `on`. `replicas` should
 * already show changes still running (a replica being excluded counts as excluded).
 */
export function servingAfter<R extends Pick<Replica, "region" | "globalEndpointRouting">>(
  replicas: readonly R[],
  region: string,
  on: boolean,
): R[] {
  return replicas.filter((r) => (r.region === region ? on : r.globalEndpointRouting));
}

/**
 * Whether one replica's global endpoint routing may move to `on`. Excluding the last replica the
 * global name routes to is refused; leaving exactly one is allowed after a second confirmation.
 */
export function globalRoutingGuard(
  replicas: readonly RoutingReplica[],
  region: string,
  on: boolean,
  loginServer: string,
  permission: { canWrite: boolean; action: string } | undefined,
): SwitchGuard {
  const replica = replicas.find((r) => r.region === region);
  if (permission && !permission.canWrite) {
    return {
      kind: "unavailable",
      reason: missingActionReason(permission.action, "global endpoint routing"),
    };
  }
  if (replica && isTransitional(replica.provisioningState)) {
    return {
      kind: "unavailable",
      reason: busyReason(`the ${region} replica`, replica.provisioningState),
    };
  }
  if (on) return { kind: "allowed" };
  const remaining = servingAfter(replicas, region, false);
  if (remaining.length === 0) {
    return {
      kind: "refused",
      reason: `${region} is the last replica the global login server ${loginServer} routes to. Excluding it would leave the global name with no replica to send clients to. Turn global endpoint routing on for another replica first.`,
    };
  }
  const [only] = remaining;
  if (remaining.length === 1 && only) {
    return {
      kind: "allowed",
      secondConfirmation: `Only ${only.region} will then serve ${loginServer}: every client of the global login server, wherever it is, will be routed to that one replica, and no other replica shares the load.`,
    };
  }
  return { kind: "allowed" };
}

export interface GlobalRoutingPreview {
  region: string;
  on: boolean;
  /** The regions the global login server routes to afterwards. */
  servingAfter: string[];
  /** The replica's regional login server as ARM lists it, when regional endpoints are on. */
  regionalHost: string | null;
  effects: string[];
  command: string;
  /** The same command with the flag's name before Azure CLI 2.86. */
  legacyCommand: string;
  property: string;
  value: boolean;
}

/**
 * What the confirmation dialog says changing one replica's global endpoint routing does: which
 * replicas still serve the global name, that the replica keeps syncing and keeps its regional
 * login server, the DNS cache delay, the CLI command and the ARM property.
 */
export function globalRoutingPreview(
  registry: Pick<
    Registry,
    "name" | "loginServer" | "regionalEndpoints" | "regionalEndpointHostNames"
  >,
  replicas: readonly Pick<Replica, "region" | "globalEndpointRouting">[],
  region: string,
  on: boolean,
): GlobalRoutingPreview {
  const after = servingAfter(replicas, region, on).map((r) => r.region);
  const regionalHost =
    registry.regionalEndpoints === "Enabled"
      ? (registry.regionalEndpointHostNames.find((h) => regionOfHost(h) === region) ?? null)
      : null;
  const effects = on
    ? [
        `The global login server ${registry.loginServer} will route clients to ${region} again, as well as to the other replicas listed.`,
        "Rerouting takes a few minutes plus the DNS time-to-live: clients with cached DNS keep their current replica for a while.",
      ]
    : [
        `The global login server ${registry.loginServer} stops routing clients to ${region}.`,
        `${region} keeps syncing images from the other replicas, and its storage keeps being billed.`,
        regionalHost
          ? `Its regional login server ${regionalHost} keeps working: clients pinned to it are not affected.`
          : "Regional endpoints are off for this registry, so no login server reaches this replica directly once it is excluded.",
        `Rerouting takes a few minutes plus the DNS time-to-live: clients with cached DNS may keep reaching ${region} for a while.`,
      ];
  return {
    region,
    on,
    servingAfter: after,
    regionalHost,
    effects,
    command: globalRoutingCommand(registry.name, region, on),
    legacyCommand: legacyGlobalRoutingCommand(registry.name, region, on),
    property: GLOBAL_ROUTING_PROPERTY,
    value: on,
  };
}

/** Turning one replica's global endpoint routing on or off, as a failure report names it. */
export function globalRoutingChange(region: string, on: boolean): AttemptedChange {
  return {
    label: `turn global endpoint routing ${on ? "on" : "off"} for ${region}`,
    target: "replica",
    action: REPLICATION_WRITE,
  };
}
