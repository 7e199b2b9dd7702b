"use client";
import { queryOptions, useQuery } from "@tanstack/react-query";
import type { RegistryRef, SwitchPermissions } from "@/lib/types";
import { apiClientOf, type ApiClient } from "./api";
import { registryKeys } from "./inventory";
import { registryApiUrl } from "@/lib/arm-id";

/** Role assignments change rarely; a page keeps what ARM said for this long. */
export const PERMISSIONS_STALE_TIME_MS = 5 * 60_000;

export const permissionKeys = {
  registry: (ref: RegistryRef) => [...registryKeys.detail(ref), "permissions"] as const,
};

/** What the signed-in user may change on a registry (one ARM read of its permissions). */
export async function getSwitchPermissions(api: ApiClient, ref: RegistryRef, signal?: AbortSignal) {
  return api.get<SwitchPermissions>(`${registryApiUrl(ref)}/permissions`, signal);
}

export function switchPermissionsQueryOptions(ref: RegistryRef) {
  return queryOptions({
    queryKey: permissionKeys.registry(ref),
    queryFn: ({ client, signal }) => getSwitchPermissions(apiClientOf(client), ref, signal),
    staleTime: PERMISSIONS_STALE_TIME_MS,
  });
}

/** `enabled: false` for registries without switches to use (Basic, Standard): no ARM read. */
export function useSwitchPermissions(ref: RegistryRef, options: { enabled?: boolean } = {}) {
  return useQuery({
    ...switchPermissionsQueryOptions(ref),
    enabled: options.enabled ?? true,
  });
}
