"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useMemo, type ReactNode } from "react";
import { ApiClient, apiClientOf, bindApiClient, type TokenGetter } from "./api";

/**
 * Binds the signed-in user's API client to the page's QueryClient for everything below it (the
 * sign-in gate renders it once there is an account). Bound while rendering, before any child's
 * query starts in its effects; binding the same client again is a no-op.
 */
export function ApiClientProvider({
  getToken,
  children,
}: {
  getToken: TokenGetter;
  children: ReactNode;
}) {
  const queryClient = useQueryClient();
  const api = useMemo(() => new ApiClient(getToken), [getToken]);
  bindApiClient(queryClient, api);
  return children;
}

/** The signed-in user's API client; only valid under `ApiClientProvider`. */
export function useApiClient(): ApiClient {
  return apiClientOf(useQueryClient());
}
