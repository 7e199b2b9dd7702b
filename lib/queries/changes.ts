"use client";
import { queryOptions, useIsMutating, useQuery } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { registryApiUrl } from "@/lib/arm-id";
import type { RegistryChanges, RegistryRef } from "@/lib/types";
import { apiClientOf } from "./api";
import { registryKeys } from "./inventory";

/** The Activity Log lists a change minutes after it happened: read it again this often. */
export const CHANGES_REFETCH_MS = 60_000;

export const changesKeys = {
  registry: (ref: RegistryRef, days: number) =>
    [...registryKeys.detail(ref), "changes", days] as const,
};

export function registryChangesQueryOptions(ref: RegistryRef, days: number) {
  return queryOptions({
    queryKey: changesKeys.registry(ref, days),
    queryFn: ({ client, signal }) =>
      apiClientOf(client).get<RegistryChanges>(
        `${registryApiUrl(ref)}/changes?days=${days}`,
        signal,
      ),
    refetchInterval: CHANGES_REFETCH_MS,
    refetchIntervalInBackground: false,
  });
}

/**
 * The registry's recent changes from Azure's Activity Log, read again every minute while the tab
 * is visible and once more when a switch change on this registry settles.
 */
export function useRegistryChanges(ref: RegistryRef, days: number) {
  const query = useQuery(registryChangesQueryOptions(ref, days));
  const changing = useIsMutating({ mutationKey: registryKeys.detail(ref) });
  const wasChanging = useRef(false);
  const { refetch } = query;
  useEffect(() => {
    if (wasChanging.current && changing === 0) void refetch();
    wasChanging.current = changing > 0;
  }, [changing, refetch]);
  return query;
}
