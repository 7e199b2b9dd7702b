"use client";
import { queryOptions, useQuery } from "@tanstack/react-query";
import type { Registry, RegistryRef } from "@/lib/types";
import { registryApiUrl } from "@/lib/arm-id";
import { apiClientOf, type ApiClient } from "./api";
import { registryKeys } from "./inventory";

/** One registry (one ARM GET). */
export async function getRegistry(api: ApiClient, ref: RegistryRef, signal?: AbortSignal) {
  return api.get<Registry>(registryApiUrl(ref), signal);
}

/**
 * How often an open registry page reads the registry again while the tab is visible: another
 * user's change of its endpoints reaches the Endpoints table (and the probes, which follow it)
 * within this time. Each answer or change restarts the wait.
 */
export const REGISTRY_REFRESH_INTERVAL_MS = 30_000;

export function registryQueryOptions(ref: RegistryRef) {
  return queryOptions({
    queryKey: registryKeys.detail(ref),
    queryFn: ({ client, signal }) => getRegistry(apiClientOf(client), ref, signal),
    refetchInterval: REGISTRY_REFRESH_INTERVAL_MS,
    refetchIntervalInBackground: false,
  });
}

export function useRegistry(ref: RegistryRef) {
  return useQuery(registryQueryOptions(ref));
}
