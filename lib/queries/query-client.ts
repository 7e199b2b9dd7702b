import { QueryClient, isServer } from "@tanstack/react-query";
import { ApiError } from "@/lib/errors";
import { SignInRedirectError } from "@/lib/auth/browser/msal-token";

/** How long fetched ARM data counts as fresh: revisiting a page within it costs no ARM call. */
export const DEFAULT_STALE_TIME_MS = 60_000;

/**
 * Retry network failures and 5xx a couple of times; never a 4xx (a retry cannot fix a missing
 * role or a wrong name, and the server has already waited out ARM's 429s) nor a sign-in redirect.
 */
export function shouldRetryQuery(failureCount: number, error: unknown): boolean {
  if (error instanceof SignInRedirectError) return false;
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

/** A QueryClient with the console's defaults. */
export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: DEFAULT_STALE_TIME_MS,
        retry: shouldRetryQuery,
        refetchOnWindowFocus: true,
      },
    },
  });
}

let browserClient: QueryClient | undefined;

/** One QueryClient for the life of the browser tab; a new one per server render. */
export function getQueryClient(): QueryClient {
  if (isServer) return makeQueryClient();
  browserClient ??= makeQueryClient();
  return browserClient;
}
