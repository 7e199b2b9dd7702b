import type { RegistryRef } from "@/lib/types";

const seg = encodeURIComponent;

/** The registry page's path; it mirrors the ARM id. */
export function registryPagePath(ref: RegistryRef): string {
  return `/subscriptions/${seg(ref.subscriptionId)}/resourceGroups/${seg(ref.resourceGroup)}/registries/${seg(ref.name)}`;
}

/** The shareable URL of the pinned view: one region's endpoints of a registry. */
export function pinnedProbesPath(ref: RegistryRef, region: string): string {
  return `${registryPagePath(ref)}/probes/${seg(region)}`;
}
