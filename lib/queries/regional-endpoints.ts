"use client";
import { useMutation, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { changeFailureDetails } from "@/lib/change-failure";
import type { Registry, RegionalEndpointsValue, RegistryRef } from "@/lib/types";
import { apiClientOf, type ApiClient } from "./api";
import { registryKeys } from "./inventory";
import { registryApiUrl } from "@/lib/arm-id";

export const regionalEndpointsMutationKey = (ref: RegistryRef) =>
  [...registryKeys.detail(ref), "change", "regionalEndpoints"] as const;

/** PATCH the registry's regional endpoints; resolves with the registry ARM returns afterwards. */
export async function patchRegionalEndpoints(
  api: ApiClient,
  ref: RegistryRef,
  value: RegionalEndpointsValue,
) {
  return api.patch<Registry>(registryApiUrl(ref), { regionalEndpoints: value });
}

interface Snapshot {
  previous?: Registry;
  /** When ARM last answered: optimistic and rolled-back values keep it, only reads move it. */
  updatedAt?: number;
}

/**
 * The registry after a failed change, from a fresh ARM read: the route's own re-read when it made
 * one, otherwise a refetch (what a dropped connection needs). Resolves once the cache holds it.
 */
async function settleOnFreshRead(qc: QueryClient, ref: RegistryRef, error: unknown) {
  const current = changeFailureDetails(error).current as Registry | undefined;
  if (current) qc.setQueryData(registryKeys.detail(ref), current);
  else await qc.invalidateQueries({ queryKey: registryKeys.detail(ref), exact: true });
}

/**
 * The regional endpoints switch's mutation: optimistic (the switch moves at once), the snapshot
 * restored on any failure, and the state after it settles is always a fresh ARM read (the route
 * answers with one; after a failure the route's re-read or a refetch). The inventory is marked
 * stale so its column catches up on the next visit.
 */
export function useRegionalEndpointsMutation(ref: RegistryRef) {
  const qc = useQueryClient();
  const key = registryKeys.detail(ref);
  return useMutation<Registry, Error, RegionalEndpointsValue, Snapshot>({
    mutationKey: regionalEndpointsMutationKey(ref),
    mutationFn: (value, { client }) => patchRegionalEndpoints(apiClientOf(client), ref, value),
    onMutate: async (value) => {
      await qc.cancelQueries({ queryKey: key, exact: true });
      const previous = qc.getQueryData<Registry>(key);
      const updatedAt = qc.getQueryState(key)?.dataUpdatedAt;
      if (previous) {
        qc.setQueryData<Registry>(
          key,
          { ...previous, regionalEndpoints: value, provisioningState: "Updating" },
          { updatedAt },
        );
      }
      return { previous, updatedAt };
    },
    onSuccess: (registry) => {
      qc.setQueryData(key, registry);
    },
    onError: async (error, _value, snapshot) => {
      if (snapshot?.previous) {
        qc.setQueryData(key, snapshot.previous, { updatedAt: snapshot.updatedAt });
      }
      // Awaited: the switch stays Updating until the fresh state is there to be shown.
      await settleOnFreshRead(qc, ref, error);
    },
    onSettled: () => qc.invalidateQueries({ queryKey: registryKeys.inventory() }),
  });
}
