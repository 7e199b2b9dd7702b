import type { QueryClient } from "@tanstack/react-query";
import { ApiError, errorOfAnswer } from "@/lib/errors";

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

  /**
   * A GET answered line by line (`application/x-ndjson`): `onLine` gets each parsed line as it
   * arrives. Failures are the same ApiErrors as `get`'s.
   */
  async getLines<T>(path: string, onLine: (line: T) => void, signal?: AbortSignal): Promise<void> {
    const token = await this.#getToken();
    let response: Response;
    try {
      response = await fetch(path, {
        headers: { authorization: `Bearer ${token}`, accept: "application/x-ndjson" },
        signal,
        cache: "no-store",
      });
    } catch (error) {
      throw networkError(error, signal);
    }
    if (!response.ok || !response.body) throw errorOfAnswer(response, await response.text());
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    const flush = (final: boolean) => {
      const lines = buffer.split("\n");
      buffer = final ? "" : (lines.pop() ?? "");
      for (const line of lines) if (line.trim()) onLine(JSON.parse(line) as T);
    };
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (error) {
        throw networkError(error, signal);
      }
      if (chunk.done) break;
      buffer += decoder.decode(chunk.value, { stream: true });
      try {
        flush(false);
      } catch (error) {
        // A line that fails (`onLine` throws) ends the read with that error.
        void reader.cancel();
        throw error;
      }
    }
    flush(true);
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
    throw networkError(error, signal);
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!response.ok) throw errorOfAnswer(response, text);
  if (body === undefined) {
    throw new ApiError(response.status, "InvalidResponse", "The console's server sent no JSON.");
  }
  return body as T;
}

/** A request that got no answer: status 0 `NetworkError` (an abort is passed on as it is). */
function networkError(error: unknown, signal?: AbortSignal): unknown {
  if (signal?.aborted) return error;
  return new ApiError(0, "NetworkError", "The console's server could not be reached.", {
    cause: error,
  });
}
