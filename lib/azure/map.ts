import "server-only";
import type { ProvisioningState, Registry, Replica, Sku, Subscription } from "../types";
import { parseRegistryId } from "../arm-id";
import type { ArmRegistry, ArmReplication, ArmSubscription } from "./arm-types";

/**
 * ARM wire shapes -> the app's own types (lib/types.ts). Pure functions; vendor shapes stop here.
 */

/** ARM locations come as `westeurope` but some APIs answer `West Europe`: compare normalised. */
export function normalizeRegion(location: string | undefined): string {
  return (location ?? "").replace(/\s+/g, "").toLowerCase();
}

function skuOf(name: string | undefined): Sku {
  if (name === "Premium" || name === "Standard") return name;
  // The retired Classic SKU had fewer features than Basic; treat it (and anything unknown) as
  // the least capable tier so no Premium-only feature is offered.
  return "Basic";
}

function provisioningStateOf(state: string | undefined): ProvisioningState {
  // ARM's enum is open-ended ("modelAsString"): show an unexpected state as ARM says it rather
  // than guessing a known one.
  return (state ?? "Succeeded") as ProvisioningState;
}

/** Maps a registry as ARM returns it (2026-01-01-preview) to the app's Registry. */
export function toRegistry(arm: ArmRegistry): Registry {
  const ref = parseRegistryId(arm.id ?? "");
  if (!ref) throw new Error(`ARM returned a registry without a valid id: ${arm.id ?? "(none)"}`);
  const p = arm.properties ?? {};
  const sku = skuOf(arm.sku?.name);
  const regionalEndpoints: Registry["regionalEndpoints"] =
    sku !== "Premium" ? "NotAvailable" : p.regionalEndpoints === "Enabled" ? "Enabled" : "Disabled";
  return {
    ...ref,
    name: arm.name ?? ref.name,
    id: arm.id ?? "",
    location: normalizeRegion(arm.location),
    sku,
    loginServer: p.loginServer ?? "",
    provisioningState: provisioningStateOf(p.provisioningState),
    regionalEndpoints,
    // Host names exactly as ARM lists them (empty while the feature is off); never derived.
    regionalEndpointHostNames: [...(p.regionalEndpointHostNames ?? [])],
    dataEndpointEnabled: p.dataEndpointEnabled === true,
    dataEndpointHostNames: [...(p.dataEndpointHostNames ?? [])],
    contentTrustEnabled: p.policies?.trustPolicy?.status === "enabled",
    publicNetworkAccess: p.publicNetworkAccess === "Disabled" ? "Disabled" : "Enabled",
    tags: { ...(arm.tags ?? {}) },
  };
}

/**
 * Maps a replication to the app's Replica. `homeLocation` is the registry's location: the replica
 * in that region is the home replica.
 */
export function toReplica(arm: ArmReplication, homeLocation: string): Replica {
  const p = arm.properties ?? {};
  const region = normalizeRegion(arm.location);
  const status: Replica["status"] = {};
  if (p.status?.displayStatus) status.displayStatus = p.status.displayStatus;
  if (p.status?.message) status.message = p.status.message;
  if (p.status?.timestamp) status.timestamp = p.status.timestamp;
  return {
    id: arm.id ?? "",
    name: arm.name ?? region,
    region,
    isHome: region !== "" && region === normalizeRegion(homeLocation),
    provisioningState: provisioningStateOf(p.provisioningState),
    status,
    zoneRedundancy: p.zoneRedundancy === "Enabled" ? "Enabled" : "Disabled",
    // ARM omits the property when it has its default, true.
    globalEndpointRouting: p.regionEndpointEnabled !== false,
  };
}

/** Maps an item of `GET /subscriptions`. */
export function toSubscription(arm: ArmSubscription): Subscription {
  const subscriptionId = arm.subscriptionId ?? arm.id?.split("/").pop() ?? "";
  const subscription: Subscription = {
    subscriptionId,
    displayName: arm.displayName ?? subscriptionId,
    state: arm.state ?? "Unknown",
  };
  if (arm.tenantId) subscription.tenantId = arm.tenantId;
  return subscription;
}

/** Home replica first, then by region name: the order the tables show. */
export function sortReplicas(replicas: Replica[]): Replica[] {
  return [...replicas].sort(
    (a, b) => Number(b.isHome) - Number(a.isHome) || a.region.localeCompare(b.region),
  );
}
