import type { ApiErrorBody } from "./types";

type ApiErrorFields = ApiErrorBody["error"];

/** A limit other than ARM's throttling that can answer 429. */
export type LimitedBy = "console" | "resource-graph";

/**
 * The one error type of the console. The server throws it (and maps ARM's RestError into it);
 * route handlers turn it into `{ error: { code, message, status, requestId?, details? } }`; the
 * browser rebuilds it from that body with `ApiError.fromBody`. Isomorphic: no Node imports here.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** ARM's `x-ms-request-id`, when the error came from ARM. */
  readonly requestId?: string;
  readonly details?: unknown;

  constructor(
    status: number,
    code: string,
    message: string,
    options: { requestId?: string; details?: unknown; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    if (options.requestId !== undefined) this.requestId = options.requestId;
    if (options.details !== undefined) this.details = options.details;
  }

  /** The JSON body every /api route returns on failure. */
  toBody(): ApiErrorBody {
    const error: ApiErrorFields = { code: this.code, message: this.message, status: this.status };
    if (this.requestId !== undefined) error.requestId = this.requestId;
    if (this.details !== undefined) error.details = this.details;
    return { error };
  }

  /** Rebuilds the error from an /api error body (browser side). */
  static fromBody(body: ApiErrorBody): ApiError {
    const { status, code, message, requestId, details } = body.error;
    return new ApiError(status, code, message, { requestId, details });
  }

  /** No `Authorization: Bearer` header at all. */
  static unauthorized(message = "Sign in first: this request carries no bearer token."): ApiError {
    return new ApiError(401, "Unauthorized", message);
  }

  /** A bearer token that fails verification (signature, issuer, audience, expiry, format). */
  static invalidToken(reason: string): ApiError {
    return new ApiError(401, "InvalidToken", `The bearer token was rejected: ${reason}.`);
  }

  /** Malformed route input; `details` carries the validation issues. */
  static invalidInput(message: string, details?: unknown): ApiError {
    return new ApiError(400, "InvalidInput", message, { details });
  }

  /**
   * 429 from a limit that is not ARM's: the console's own (streams, probe fan-out, capacity) or
   * Resource Graph's query quota. The advice tells them apart from ARM's throttling.
   */
  static limited(
    by: LimitedBy,
    code: string,
    message: string,
    retryAfterSeconds: number,
  ): ApiError {
    return new ApiError(429, code, message, { details: { retryAfterSeconds, limitedBy: by } });
  }

  /** Which limit a 429 came from, when it was not ARM's. */
  get limitedBy(): LimitedBy | undefined {
    const by = (this.details as { limitedBy?: unknown } | undefined)?.limitedBy;
    return by === "console" || by === "resource-graph" ? by : undefined;
  }

  /** Something failed that the caller cannot act on; never carries internals. */
  static internal(): ApiError {
    return new ApiError(500, "InternalError", "The console failed to handle this request.");
  }
}

/** Type guard for a JSON value shaped like an /api error body. */
export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== "object" || value === null || !("error" in value)) return false;
  const error = (value as { error: unknown }).error;
  return (
    typeof error === "object" &&
    error !== null &&
    typeof (error as { code?: unknown }).code === "string" &&
    typeof (error as { message?: unknown }).message === "string" &&
    typeof (error as { status?: unknown }).status === "number"
  );
}

/**
 * The ApiError of a failed answer of the console's server, from its body text: the error body it
 * sent (with the `x-ms-request-id` header's id when the body has none), else one that names the
 * status.
 */
export function errorOfAnswer(response: Response, text: string): ApiError {
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (isApiErrorBody(body)) {
    const error = ApiError.fromBody(body);
    if (error.requestId) return error;
    const requestId = response.headers.get("x-ms-request-id") ?? undefined;
    return requestId
      ? new ApiError(error.status, error.code, error.message, {
          requestId,
          details: error.details,
        })
      : error;
  }
  return new ApiError(
    response.status,
    "HttpError",
    `The console's server answered ${response.status} ${response.statusText}`.trim() + ".",
  );
}
