"use client";
import { queryOptions, useQuery } from "@tanstack/react-query";
import type { RegistryInventory, RegistryRef } from "@/lib/types";
import { apiClientOf, type ApiClient } from "./api";

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
export async function getRegistryInventory(api: ApiClient, signal?: AbortSignal) {
  return api.get<RegistryInventory>("/api/registries", signal);
}

export function registryInventoryQueryOptions() {
  return queryOptions({
    queryKey: registryKeys.inventory(),
    queryFn: ({ client, signal }) => getRegistryInventory(apiClientOf(client), signal),
  });
}

export function useRegistryInventory() {
  return useQuery(registryInventoryQueryOptions());
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
