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

export function registryQueryOptions(ref: RegistryRef) {
  return queryOptions({
    queryKey: registryKeys.detail(ref),
    queryFn: ({ client, signal }) => getRegistry(apiClientOf(client), ref, signal),
  });
}

export function useRegistry(ref: RegistryRef) {
  return useQuery(registryQueryOptions(ref));
}
