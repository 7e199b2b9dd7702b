import "server-only";
import { isRestError } from "@azure/core-rest-pipeline";
import { ApiError } from "../errors";
import { armErrorBodyOf } from "./policies";

/** ARM's error envelope, `{ error: { code, message } }` (some services omit the wrapper). */
interface ArmErrorEnvelope {
  error?: { code?: unknown; message?: unknown };
  code?: unknown;
  message?: unknown;
}

type HeaderBag = { get(name: string): string | undefined } | Record<string, string | undefined>;

function header(headers: HeaderBag | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof headers.get === "function")
    return (headers as { get(n: string): string | undefined }).get(name);
  const bag = headers as Record<string, string | undefined>;
  return bag[name] ?? bag[name.toLowerCase()];
}

function parseBody(body: unknown): ArmErrorEnvelope | undefined {
  if (typeof body === "string") {
    try {
      return JSON.parse(body) as ArmErrorEnvelope;
    } catch {
      return undefined;
    }
  }
  return typeof body === "object" && body !== null ? (body as ArmErrorEnvelope) : undefined;
}

function retryAfterSeconds(headers: HeaderBag | undefined): number | undefined {
  const raw = header(headers, "retry-after");
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/** The longest ARM 5xx message passed on to the user. */
export const MAX_SERVER_ERROR_MESSAGE = 300;

/**
 * ARM's message of a server-side failure, bounded: a 5xx can carry whatever a failing service
 * put there (stack traces, internal host names, megabytes). The code and the request id, which
 * are what support needs, are always kept whole.
 */
export function boundServerMessage(status: number, message: string): string {
  if (status < 500) return message;
  const oneLine = message.replace(/[\u0000-\u001f\u007f]+/g, " ").trim();
  if (oneLine.length <= MAX_SERVER_ERROR_MESSAGE) return oneLine;
  return `${oneLine.slice(0, MAX_SERVER_ERROR_MESSAGE - 1).trimEnd()}… (shortened; the request id identifies the full answer at ARM)`;
}

/**
 * An ARM answer that is not a success, as an ApiError: ARM's status, code, message and
 * `x-ms-request-id`; a 429 also says when to retry (`details.retryAfterSeconds`).
 */
export function armResponseError(
  status: number,
  headers: HeaderBag | undefined,
  body: unknown,
): ApiError {
  const envelope = parseBody(body);
  const inner = envelope?.error ?? envelope;
  const code = typeof inner?.code === "string" && inner.code ? inner.code : `Http${status}`;
  const armMessage =
    typeof inner?.message === "string" && inner.message ? inner.message : undefined;
  const retryAfter = status === 429 ? retryAfterSeconds(headers) : undefined;
  const message = boundServerMessage(
    status,
    armMessage ??
      (status === 429
        ? "ARM is throttling requests."
        : `ARM answered ${status} without an error message.`),
  );
  return new ApiError(status, code, message, {
    requestId: header(headers, "x-ms-request-id"),
    details: retryAfter === undefined ? undefined : { retryAfterSeconds: retryAfter },
  });
}

/**
 * Any error out of the SDK or its pipeline as an ApiError. A RestError with a status keeps ARM's
 * status, code and request id; one without (connection refused, TLS, timeout) becomes 502.
 * Anything else is returned unchanged for the route's error mapper.
 */
export function toApiError(error: unknown): unknown {
  if (error instanceof ApiError || !isRestError(error)) return error;
  const response = error.response;
  if (error.statusCode !== undefined && error.statusCode > 0) {
    const body = response?.bodyAsText ?? armErrorBodyOf(error.request);
    const mapped = armResponseError(error.statusCode, response?.headers, body);
    // The SDK puts ARM's message and code on the RestError itself when it parsed the body.
    const code = mapped.code.startsWith("Http") && error.code ? error.code : mapped.code;
    const message = body
      ? mapped.message
      : boundServerMessage(mapped.status, error.message || mapped.message);
    return new ApiError(mapped.status, code, message, {
      requestId: mapped.requestId,
      details: mapped.details,
      cause: error,
    });
  }
  return new ApiError(
    502,
    "ArmUnreachable",
    `Azure Resource Manager could not be reached (${error.code ?? "connection failed"}). Try again; if it persists, check the network path to ARM.`,
    { cause: error },
  );
}
