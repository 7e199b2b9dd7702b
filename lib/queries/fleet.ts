"use client";
import { queryOptions, useQuery } from "@tanstack/react-query";
import type { FleetSnapshot } from "@/lib/fleet/shared/types";
import { apiClientOf, type ApiClient } from "./api";

/** How often the fleet page reads the fleet again (Resource Graph's answer and its "as of"). */
export const FLEET_REFRESH_MS = 60_000;

export const fleetKeys = {
  all: ["fleet"] as const,
  snapshot: () => [...fleetKeys.all, "snapshot"] as const,
};

/** The whole fleet the user can see: `GET /api/fleet`. */
export async function getFleet(api: ApiClient, signal?: AbortSignal): Promise<FleetSnapshot> {
  return api.get<FleetSnapshot>("/api/fleet", signal);
}

export function fleetQueryOptions() {
  return queryOptions({
    queryKey: fleetKeys.snapshot(),
    queryFn: ({ client, signal }) => getFleet(apiClientOf(client), signal),
    refetchInterval: FLEET_REFRESH_MS,
    refetchIntervalInBackground: false,
    // A reading of a large fleet is costly: not again on every focus.
    refetchOnWindowFocus: false,
  });
}

export function useFleet() {
  return useQuery(fleetQueryOptions());
}
