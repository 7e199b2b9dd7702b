"use client";
import { queryOptions, useQuery } from "@tanstack/react-query";
import type { Subscription } from "@/lib/types";
import { apiClientOf, type ApiClient } from "./api";

export const subscriptionKeys = {
  all: ["subscriptions"] as const,
  list: () => [...subscriptionKeys.all, "list"] as const,
};

/** The subscriptions the signed-in user can see. */
export async function getSubscriptions(api: ApiClient, signal?: AbortSignal) {
  const body = await api.get<{ subscriptions: Subscription[] }>("/api/subscriptions", signal);
  return body.subscriptions;
}

export function subscriptionsQueryOptions() {
  return queryOptions({
    queryKey: subscriptionKeys.list(),
    queryFn: ({ client, signal }) => getSubscriptions(apiClientOf(client), signal),
  });
}

export function useSubscriptions() {
  return useQuery(subscriptionsQueryOptions());
}
