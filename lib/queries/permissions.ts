"use client";
import { queryOptions, useQuery } from "@tanstack/react-query";
import type { RegistryRef, SwitchPermissions } from "@/lib/types";
import { apiGet, type TokenGetter } from "./api";
import { registryKeys } from "./inventory";
import { registryApiUrl } from "@/lib/arm-id";
import { useTokenGetter } from "@/lib/auth/browser/token-context";

/** Role assignments change rarely; a page keeps what ARM said for this long. */
export const PERMISSIONS_STALE_TIME_MS = 5 * 60_000;

export const permissionKeys = {
  registry: (ref: RegistryRef) => [...registryKeys.detail(ref), "permissions"] as const,
};

/** What the signed-in user may change on a registry (one ARM read of its permissions). */
export async function getSwitchPermissions(
  ref: RegistryRef,
  getToken: TokenGetter,
  signal?: AbortSignal,
) {
  return apiGet<SwitchPermissions>(`${registryApiUrl(ref)}/permissions`, getToken, signal);
}

export function switchPermissionsQueryOptions(ref: RegistryRef, getToken: TokenGetter) {
  // The token getter is a credential, not part of the data's identity; the cache is per
  // signed-in user (a new sign-in is a new page load, sign-out clears it).
  // eslint-disable-next-line @tanstack/query/exhaustive-deps
  return queryOptions({
    queryKey: permissionKeys.registry(ref),
    queryFn: ({ signal }) => getSwitchPermissions(ref, getToken, signal),
    staleTime: PERMISSIONS_STALE_TIME_MS,
  });
}

/** `enabled: false` for registries without switches to use (Basic, Standard): no ARM read. */
export function useSwitchPermissions(ref: RegistryRef, options: { enabled?: boolean } = {}) {
  return useQuery({
    ...switchPermissionsQueryOptions(ref, useTokenGetter()),
    enabled: options.enabled ?? true,
  });
}
