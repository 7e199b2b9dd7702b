"use client";
import { queryOptions, useQuery } from "@tanstack/react-query";
import type { RegistryRef, Replica } from "@/lib/types";
import { apiClientOf, type ApiClient } from "./api";
import { registryKeys } from "./inventory";
import { registryApiUrl } from "@/lib/arm-id";

/** How often the Replicas table re-reads ARM while the tab is visible. */
export const REPLICA_REFRESH_INTERVAL_MS = 15_000;
/** Faster while a replica is Creating, Updating or Deleting, to show when it settles. */
export const REPLICA_TRANSITION_INTERVAL_MS = 3_000;

const SETTLED = new Set(["Succeeded", "Failed", "Canceled"]);

export const replicaKeys = {
  list: (ref: RegistryRef) => [...registryKeys.detail(ref), "replicas"] as const,
};

/**
 * The replicas of a registry (one ARM list, followed to the end by the server). `location`, the
 * registry's home region, tells the server which replica is home without a second registry read.
 */
export async function getReplicas(
  api: ApiClient,
  ref: RegistryRef,
  location: string,
  signal?: AbortSignal,
) {
  const query = new URLSearchParams({ location }).toString();
  const body = await api.get<{ replicas: Replica[] }>(
    `${registryApiUrl(ref)}/replications?${query}`,
    signal,
  );
  return body.replicas;
}

/** The polling interval for a replica list: faster while any replica is in transition. */
export function replicaRefreshInterval(replicas: Replica[] | undefined): number {
  const moving = replicas?.some((r) => !SETTLED.has(r.provisioningState)) ?? false;
  return moving ? REPLICA_TRANSITION_INTERVAL_MS : REPLICA_REFRESH_INTERVAL_MS;
}

/**
 * Waits for the registry's home region (`location`, from the registry or the inventory) so the
 * page costs two ARM reads in all: the registry GET and this list.
 */
export function replicasQueryOptions(ref: RegistryRef, location: string | undefined) {
  // The home region is fixed for a registry, so it is not part of the data's identity.
  // eslint-disable-next-line @tanstack/query/exhaustive-deps
  return queryOptions({
    queryKey: replicaKeys.list(ref),
    queryFn: ({ client, signal }) => getReplicas(apiClientOf(client), ref, location ?? "", signal),
    enabled: Boolean(location),
    refetchInterval: (query) => replicaRefreshInterval(query.state.data),
    // Polling stops while the tab is hidden and resumes (with a refetch) when it shows again.
    refetchIntervalInBackground: false,
  });
}

export function useReplicas(ref: RegistryRef, location: string | undefined) {
  return useQuery(replicasQueryOptions(ref, location));
}
