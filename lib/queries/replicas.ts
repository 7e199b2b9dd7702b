"use client";
import { queryOptions, useQuery } from "@tanstack/react-query";
import type { RegistryRef, Replica } from "@/lib/types";
import { apiGet, type TokenGetter } from "./api";
import { registryKeys } from "./registries";
import { registryApiPath } from "./registry";
import { useTokenGetter } from "./token";

/** How often the Replicas table re-reads ARM while the tab is visible. */
export const REPLICA_REFRESH_INTERVAL_MS = 15_000;
/** Faster while a replica is Creating, Updating or Deleting, to show when it settles. */
export const REPLICA_TRANSITION_INTERVAL_MS = 3_000;

const SETTLED = new Set(["Succeeded", "Failed", "Canceled"]);

export const replicaKeys = {
  list: (ref: RegistryRef) => [...registryKeys.detail(ref), "replicas"] as const,
};

/** The replicas of a registry (one ARM list, followed to the end by the server). */
export async function getReplicas(ref: RegistryRef, getToken: TokenGetter, signal?: AbortSignal) {
  const body = await apiGet<{ replicas: Replica[] }>(
    `${registryApiPath(ref)}/replications`,
    getToken,
    signal,
  );
  return body.replicas;
}

/** The polling interval for a replica list: faster while any replica is in transition. */
export function replicaRefreshInterval(replicas: Replica[] | undefined): number {
  const moving = replicas?.some((r) => !SETTLED.has(r.provisioningState)) ?? false;
  return moving ? REPLICA_TRANSITION_INTERVAL_MS : REPLICA_REFRESH_INTERVAL_MS;
}

export function replicasQueryOptions(ref: RegistryRef, getToken: TokenGetter) {
  // The token getter is a credential, not part of the data's identity; the cache is per
  // signed-in user (a new sign-in is a new page load, sign-out clears it).
  // eslint-disable-next-line @tanstack/query/exhaustive-deps
  return queryOptions({
    queryKey: replicaKeys.list(ref),
    queryFn: ({ signal }) => getReplicas(ref, getToken, signal),
    refetchInterval: (query) => replicaRefreshInterval(query.state.data),
    // Polling stops while the tab is hidden and resumes (with a refetch) when it shows again.
    refetchIntervalInBackground: false,
  });
}

export function useReplicas(ref: RegistryRef) {
  return useQuery(replicasQueryOptions(ref, useTokenGetter()));
}
