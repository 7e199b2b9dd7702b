"use client";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { registryApiUrl } from "@/lib/arm-id";
import type { DigestMatrix, HealthCheckResult, RepositoryListing } from "@/lib/repro/types";
import type { RegistryRef } from "@/lib/types";
import { apiClientOf, type ApiClient } from "./api";
import { registryKeys } from "./inventory";

/**
 * The registry's data plane through the console's server, with the signed-in user's identity:
 * the catalog and tags (cached queries) and the health check and digest matrix (runs the page
 * starts and can cancel).
 */

function withQuery(path: string, query: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v) params.set(k, v);
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

export function runHealthCheck(
  api: ApiClient,
  ref: RegistryRef,
  query: { region?: string; host?: string; repository?: string; tag?: string },
  signal?: AbortSignal,
): Promise<HealthCheckResult> {
  return api.get(withQuery(`${registryApiUrl(ref)}/health-check`, query), signal);
}

export function getDigestMatrix(
  api: ApiClient,
  ref: RegistryRef,
  query: { repository: string; tag: string },
  signal?: AbortSignal,
): Promise<DigestMatrix> {
  return api.get(withQuery(`${registryApiUrl(ref)}/digests`, query), signal);
}

export function repositoryListingOptions(ref: RegistryRef, repository?: string) {
  return queryOptions({
    queryKey: [...registryKeys.detail(ref), "data-plane", repository ?? "catalog"] as const,
    queryFn: ({ client, signal }) =>
      apiClientOf(client).get<RepositoryListing>(
        withQuery(`${registryApiUrl(ref)}/repositories`, { repository }),
        signal,
      ),
    staleTime: 60_000,
    retry: false,
  });
}

/** The catalog (no repository) or one repository's tags. */
export function useRepositoryListing(ref: RegistryRef, repository?: string, enabled = true) {
  return useQuery({ ...repositoryListingOptions(ref, repository), enabled });
}
