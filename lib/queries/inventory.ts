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

/**
 * How long a loaded inventory counts as fresh: within it, coming back to the tab or to the page
 * reads nothing from ARM. An inventory changes when registries are created or deleted, rarely
 * within minutes, and reading it costs a read per subscription and page plus the fleet reading
 * (hundreds of ARM reads for a large fleet); the page has a Refresh button for the moment a user
 * knows it changed, and a change made in the console refreshes it itself.
 */
export const INVENTORY_FRESH_MS = 5 * 60_000;

export function registryInventoryQueryOptions() {
  return queryOptions({
    queryKey: registryKeys.inventory(),
    queryFn: ({ client, signal }) => getRegistryInventory(apiClientOf(client), signal),
    staleTime: INVENTORY_FRESH_MS,
    // Kept when the user goes to a registry and comes back: the table shows at once.
    gcTime: 2 * INVENTORY_FRESH_MS,
    // Back in the tab after the window: refreshed then (older rows stay on screen meanwhile).
    refetchOnWindowFocus: true,
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
