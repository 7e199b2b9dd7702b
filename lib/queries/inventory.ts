"use client";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { ApiError } from "@/lib/errors";
import type {
  InventoryLine,
  Registry,
  RegistryInventory,
  RegistryReading,
  RegistryRef,
} from "@/lib/types";
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

/**
 * Every registry of every subscription the user can see, plus the subscriptions that failed,
 * read line by line: `onPartial` gets the registries listed so far (with `loading`) as each
 * subscription's arrive, before the whole inventory with its health columns is returned. The
 * end of the answer does not repeat the registries: it carries what the fleet reading adds to
 * each (replica count, health), merged here into the rows the parts listed.
 */
export async function getRegistryInventory(
  api: ApiClient,
  signal?: AbortSignal,
  onPartial?: (partial: RegistryInventory) => void,
): Promise<RegistryInventory> {
  const registries: Registry[] = [];
  let whole: RegistryInventory | undefined;
  await api.getLines<InventoryLine>(
    "/api/registries",
    (line) => {
      if (line.type === "part") {
        registries.push(...line.registries);
        onPartial?.({
          registries: [...registries],
          failures: [],
          loading: { read: line.read, subscriptions: line.subscriptions },
        });
      } else if (line.type === "end") {
        if (line.registries.length !== registries.length) {
          throw new ApiError(0, "NetworkError", "The inventory arrived incomplete; try again.");
        }
        whole = {
          registries: registries.map((r, i) => withReading(r, line.registries[i])),
          failures: line.failures,
          ...(line.health ? { health: line.health } : {}),
        };
      } else {
        throw ApiError.fromBody({ error: line.error });
      }
    },
    signal,
  );
  if (!whole) {
    throw new ApiError(0, "NetworkError", "The inventory stopped before its end; try again.");
  }
  return whole;
}

/**
 * A listed registry with what the fleet reading adds to it, as a new object (the rows memoised on
 * the old one show the health). `Object.assign` rather than a spread and conditional fields: one
 * shape for a thousand copies, made in a fraction of the time, inside the frame that shows them.
 */
function withReading(registry: Registry, reading: RegistryReading | undefined): Registry {
  return Object.assign({}, registry, reading);
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
    queryFn: ({ client, signal, queryKey }) =>
      getRegistryInventory(apiClientOf(client), signal, (partial) => {
        // Rows as they arrive on a first load; a refresh keeps the rows shown until it is done.
        const shown = client.getQueryData<RegistryInventory>(queryKey);
        if (!shown || shown.loading) client.setQueryData(queryKey, partial);
      }),
    staleTime: INVENTORY_FRESH_MS,
    // Kept when the user goes to a registry and comes back: the table shows at once.
    gcTime: 2 * INVENTORY_FRESH_MS,
    // Back in the tab after the window: refreshed then (older rows stay on screen meanwhile).
    refetchOnWindowFocus: true,
    // Each answer replaces the last whole: comparing a thousand registries deeply with the rows
    // already shown, to keep the unchanged ones, costs more than rendering the few on screen.
    structuralSharing: false,
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
