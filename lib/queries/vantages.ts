"use client";
import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { registryApiUrl } from "@/lib/arm-id";
import type { RegistryRef } from "@/lib/types";
import type { HistoryAnswer, HistoryRange, VantagesAnswer } from "@/lib/vantages/shared/types";
import { apiClientOf } from "./api";
import { registryKeys } from "./inventory";

/** The `Latency by vantage` table follows the probes: read again this often while visible. */
export const VANTAGES_REFRESH_MS = 3_000;
/** History charts move slowly: read again every minute. */
export const HISTORY_REFRESH_MS = 60_000;

export const vantageKeys = {
  latency: (ref: RegistryRef) => [...registryKeys.detail(ref), "vantages"] as const,
  history: (ref: RegistryRef, range: HistoryRange) =>
    [...registryKeys.detail(ref), "history", range] as const,
};

export function vantagesQueryOptions(ref: RegistryRef) {
  return queryOptions({
    queryKey: vantageKeys.latency(ref),
    queryFn: ({ client, signal }) =>
      apiClientOf(client).get<VantagesAnswer>(`${registryApiUrl(ref)}/vantages`, signal),
    refetchInterval: VANTAGES_REFRESH_MS,
    refetchIntervalInBackground: false,
  });
}

export function useVantages(ref: RegistryRef) {
  return useQuery(vantagesQueryOptions(ref));
}

export function historyQueryOptions(ref: RegistryRef, range: HistoryRange) {
  return queryOptions({
    queryKey: vantageKeys.history(ref, range),
    queryFn: ({ client, signal }) =>
      apiClientOf(client).get<HistoryAnswer>(
        `${registryApiUrl(ref)}/history?range=${encodeURIComponent(range)}`,
        signal,
      ),
    refetchInterval: HISTORY_REFRESH_MS,
    refetchIntervalInBackground: false,
    placeholderData: keepPreviousData,
  });
}

export function useHistory(ref: RegistryRef, range: HistoryRange) {
  return useQuery(historyQueryOptions(ref, range));
}
