"use client";
import { queryOptions, useQuery } from "@tanstack/react-query";
import type { Subscription } from "@/lib/types";
import { apiGet, type TokenGetter } from "./api";
import { useTokenGetter } from "@/lib/auth/browser/token-context";

export const subscriptionKeys = {
  all: ["subscriptions"] as const,
  list: () => [...subscriptionKeys.all, "list"] as const,
};

/** The subscriptions the signed-in user can see. */
export async function getSubscriptions(getToken: TokenGetter, signal?: AbortSignal) {
  const body = await apiGet<{ subscriptions: Subscription[] }>(
    "/api/subscriptions",
    getToken,
    signal,
  );
  return body.subscriptions;
}

export function subscriptionsQueryOptions(getToken: TokenGetter) {
  // The token getter is a credential, not part of the data's identity; the cache is per
  // signed-in user (a new sign-in is a new page load, sign-out clears it).
  // eslint-disable-next-line @tanstack/query/exhaustive-deps
  return queryOptions({
    queryKey: subscriptionKeys.list(),
    queryFn: ({ signal }) => getSubscriptions(getToken, signal),
  });
}

export function useSubscriptions() {
  return useQuery(subscriptionsQueryOptions(useTokenGetter()));
}
