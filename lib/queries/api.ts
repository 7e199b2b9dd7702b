import { ApiError, isApiErrorBody } from "@/lib/errors";

/** Gets a bearer token for ARM (the signed-in user's); see lib/auth/msal-token. */
export type TokenGetter = () => Promise<string>;

/**
 * GET one of the console's own /api routes with the user's bearer token. Every failure becomes an
 * ApiError carrying what the user needs to see: status, ARM's code and message, request id. A
 * failed connection is status 0, code `NetworkError`.
 */
export async function apiGet<T>(
  path: string,
  getToken: TokenGetter,
  signal?: AbortSignal,
): Promise<T> {
  return apiRequest<T>("GET", path, getToken, { signal });
}

/**
 * PATCH one of the console's own /api routes with a JSON body; failures as for `apiGet`. A
 * connection lost after the request left is status 0 too: the change may or may not have happened.
 */
export async function apiPatch<T>(
  path: string,
  body: unknown,
  getToken: TokenGetter,
  signal?: AbortSignal,
): Promise<T> {
  return apiRequest<T>("PATCH", path, getToken, { body, signal });
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
