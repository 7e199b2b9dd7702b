"use client";
import { queryOptions, useQuery } from "@tanstack/react-query";
import type { RegistryInventory, RegistryRef } from "@/lib/types";
import { apiGet, type TokenGetter } from "./api";
import { useTokenGetter } from "@/lib/auth/browser/token-context";

/**
 * Keys of everything under registries: the inventory, one registry, and (in replicas.ts) its
 * replicas below it, so invalidating a registry refreshes its replicas too. ARM names are case
 * insensitive: keys use lower case so differently cased links share one cache entry.
 */
export const registryKeys = {
  all: ["registries"] as const,
  inventory: () => [...registryKeys.all, "inventory"] as const,
  detail: (ref: RegistryRef) =>
    [
      ...registryKeys.all,
      "detail",
      ref.subscriptionId.toLowerCase(),
      ref.resourceGroup.toLowerCase(),
      ref.name.toLowerCase(),
    ] as const,
};

/** Every registry of every subscription the user can see, plus the subscriptions that failed. */
export async function getRegistryInventory(getToken: TokenGetter, signal?: AbortSignal) {
  return apiGet<RegistryInventory>("/api/registries", getToken, signal);
}

export function registryInventoryQueryOptions(getToken: TokenGetter) {
  // The token getter is a credential, not part of the data's identity; the cache is per
  // signed-in user (a new sign-in is a new page load, sign-out clears it).
  // eslint-disable-next-line @tanstack/query/exhaustive-deps
  return queryOptions({
    queryKey: registryKeys.inventory(),
    queryFn: ({ signal }) => getRegistryInventory(getToken, signal),
  });
}

export function useRegistryInventory() {
  return useQuery(registryInventoryQueryOptions(useTokenGetter()));
}

/** A registry as the cached inventory has it, if the inventory was loaded in this tab. */
export function findInInventory(
  inventory: RegistryInventory | undefined,
  ref: RegistryRef,
): RegistryInventory["registries"][number] | undefined {
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  return inventory?.registries.find(
    (r) =>
      same(r.subscriptionId, ref.subscriptionId) &&
      same(r.resourceGroup, ref.resourceGroup) &&
      same(r.name, ref.name),
  );
}
