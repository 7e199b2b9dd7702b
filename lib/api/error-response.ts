import "server-only";
import { ZodError } from "zod";
import { toApiError } from "../azure/errors";
import { ApiError } from "../errors";
import { describeRequest } from "../log/context";
import { logger } from "../log/logger";
import { invalidInput } from "./schemas";

const NO_STORE = { "cache-control": "no-store" };

/**
 * The one error mapper of every /api route: ApiError -> its status and body; a validation error
 * -> 400; anything else -> 500 `InternalError` without internals (logged on the server, never
 * with tokens: only names, messages and stacks are logged).
 */
export function errorResponse(error: unknown): Response {
  let apiError: ApiError;
  const mapped = toApiError(error);
  if (mapped instanceof ApiError) apiError = mapped;
  else if (mapped instanceof ZodError) apiError = invalidInput(mapped);
  else {
    const e = mapped instanceof Error ? mapped : new Error(String(mapped));
    logger().error(
      { event: "unhandled-error", error: { name: e.name, message: e.message, stack: e.stack } },
      "api: unhandled error",
    );
    apiError = ApiError.internal();
  }
  if (apiError.status >= 500 && apiError.code !== "InternalError") {
    logger().error(
      {
        event: "api-error",
        status: apiError.status,
        code: apiError.code,
        message: apiError.message,
        armRequestId: apiError.requestId,
      },
      "api: server-side failure",
    );
  }
  describeRequest({ errorCode: apiError.code });
  const headers: Record<string, string> = { ...NO_STORE };
  if (apiError.status === 401) {
    headers["www-authenticate"] =
      apiError.code === "InvalidToken" ? 'Bearer error="invalid_token"' : "Bearer";
  }
  const retryAfter = (apiError.details as { retryAfterSeconds?: unknown } | undefined)
    ?.retryAfterSeconds;
  // Throttled (ARM's or the console's own limits) or shutting down: when to come back.
  if ((apiError.status === 429 || apiError.status === 503) && typeof retryAfter === "number")
    headers["retry-after"] = String(retryAfter);
  return Response.json(apiError.toBody(), { status: apiError.status, headers });
}

/** A JSON success answer; never cached, since it reflects the caller's own rights. */
export function jsonResponse(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: NO_STORE });
}
