"use client";
import { queryOptions, useQuery } from "@tanstack/react-query";
import type { Registry, RegistryRef } from "@/lib/types";
import { registryApiUrl } from "@/lib/arm-id";
import { apiGet, type TokenGetter } from "./api";
import { registryKeys } from "./inventory";
import { useTokenGetter } from "@/lib/auth/browser/token-context";

/** One registry (one ARM GET). */
export async function getRegistry(ref: RegistryRef, getToken: TokenGetter, signal?: AbortSignal) {
  return apiGet<Registry>(registryApiUrl(ref), getToken, signal);
}

export function registryQueryOptions(ref: RegistryRef, getToken: TokenGetter) {
  // The token getter is a credential, not part of the data's identity; the cache is per
  // signed-in user (a new sign-in is a new page load, sign-out clears it).
  // eslint-disable-next-line @tanstack/query/exhaustive-deps
  return queryOptions({
    queryKey: registryKeys.detail(ref),
    queryFn: ({ signal }) => getRegistry(ref, getToken, signal),
  });
}

export function useRegistry(ref: RegistryRef) {
  return useQuery(registryQueryOptions(ref, useTokenGetter()));
}
