import type { QueryClient } from "@tanstack/react-query";
import { ApiError, isApiErrorBody } from "@/lib/errors";

/** Gets a bearer token for ARM (the signed-in user's); see lib/auth/browser/msal-token. */
export type TokenGetter = () => Promise<string>;

/**
 * The browser's client of the console's own /api routes: it holds the signed-in user's token
 * getter, so fetchers take the client rather than a credential. Every failure becomes an ApiError
 * carrying what the user needs to see: status, ARM's code and message, request id. A failed
 * connection is status 0, code `NetworkError`; for a PATCH that can mean the change may or may not
 * have happened.
 */
export class ApiClient {
  readonly #getToken: TokenGetter;

  constructor(getToken: TokenGetter) {
    this.#getToken = getToken;
  }

  /** The user's ARM token, for requests that are not JSON calls (the probe stream). */
  token(): Promise<string> {
    return this.#getToken();
  }

  get<T>(path: string, signal?: AbortSignal): Promise<T> {
    return apiRequest<T>("GET", path, this.#getToken, { signal });
  }

  patch<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> {
    return apiRequest<T>("PATCH", path, this.#getToken, { body, signal });
  }
}

// The client travels with the QueryClient, which every queryFn and mutationFn receives, so query
// options need no credential parameter (and the credential stays out of query keys).
const bound = new WeakMap<QueryClient, ApiClient>();

/** Makes `api` the client that the queries and mutations of `queryClient` call the API with. */
export function bindApiClient(queryClient: QueryClient, api: ApiClient): void {
  bound.set(queryClient, api);
}

/** The API client of the signed-in user, bound to `queryClient` by the sign-in gate. */
export function apiClientOf(queryClient: QueryClient): ApiClient {
  const api = bound.get(queryClient);
  if (!api) throw new Error("No API client: queries must run under the sign-in gate");
  return api;
}

async function apiRequest<T>(
  method: "GET" | "PATCH",
  path: string,
  getToken: TokenGetter,
  options: { body?: unknown; signal?: AbortSignal },
): Promise<T> {
  const { signal } = options;
  const token = await getToken();
  const headers: Record<string, string> = {
    authorization: `Bearer ${token}`,
    accept: "application/json",
  };
  if (method !== "GET") headers["content-type"] = "application/json";
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: method === "GET" ? undefined : JSON.stringify(options.body),
      signal,
      cache: "no-store",
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(0, "NetworkError", "The console's server could not be reached.", {
      cause: error,
    });
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    if (isApiErrorBody(body)) {
      const error = ApiError.fromBody(body);
      if (!error.requestId) {
        const requestId = response.headers.get("x-ms-request-id") ?? undefined;
        return Promise.reject(
          requestId
            ? new ApiError(error.status, error.code, error.message, {
                requestId,
                details: error.details,
              })
            : error,
        );
      }
      throw error;
    }
    throw new ApiError(
      response.status,
      "HttpError",
      `The console's server answered ${response.status} ${response.statusText}`.trim() + ".",
    );
  }
  if (body === undefined) {
    throw new ApiError(response.status, "InvalidResponse", "The console's server sent no JSON.");
  }
  return body as T;
}
