import "server-only";
import {
  isStateUncertain,
  type ChangeFailureDetails,
  type OperationOutcome,
} from "../../change-failure";
import { ApiError } from "../../errors";
import { armResponseError, toApiError } from "../errors";
import { pathOf, type RecordedResponse } from "./recorder";

interface StatusBody {
  status?: unknown;
  error?: { code?: unknown; message?: unknown };
}

function header(r: RecordedResponse, name: string): string | undefined {
  return r.headers[name.toLowerCase()];
}

function detailsOf(error: ApiError): Record<string, unknown> {
  return typeof error.details === "object" && error.details !== null
    ? { ...(error.details as Record<string, unknown>) }
    : {};
}

/** A copy of `error` with more `details`. */
export function withDetails(error: ApiError, more: ChangeFailureDetails): ApiError {
  return new ApiError(error.status, error.code, error.message, {
    requestId: error.requestId,
    details: { ...detailsOf(error), ...more },
    cause: error.cause ?? error,
  });
}

/**
 * Turns a failed change into the ApiError the user sees, from the answers ARM gave:
 * - the write itself refused (403, 409, 429 after the SDK's retries, 5xx...): ARM's status, code,
 *   message and request id, unchanged;
 * - the operation ended Failed or Canceled: ARM's operation error (code, message) with the request
 *   id of the answer that reported it, status 502, `details.operationStatus`;
 * - a status poll answered with an error (the `Location` shape reports a failed operation that
 *   way): that answer, with `details.operationStatus: "Failed"`;
 * - the poller's final read of the resource failed: that answer (the change's outcome is unknown);
 * - no answer at all (connection dropped): 502 `ArmUnreachable`.
 */
export function changeError(
  error: unknown,
  responses: readonly RecordedResponse[],
  resourcePath: string,
): unknown {
  if (error instanceof ApiError) return error;
  const writeIndex = responses.findLastIndex((r) => r.method === "PATCH");
  const write = responses[writeIndex];
  if (!write) return toApiError(error);
  if (write.status < 200 || write.status > 299) {
    return armResponseError(write.status, write.headers, write.body);
  }
  const last = responses.slice(writeIndex + 1).at(-1);
  if (!last) return toApiError(error);
  if (last.status < 200 || last.status > 299) {
    // The poller's own read of the resource after the operation: a failed read, not a failed change.
    if (pathOf(last.url) === resourcePath.toLowerCase()) {
      return armResponseError(last.status, last.headers, last.body);
    }
    const fromArm = armResponseError(last.status, last.headers, last.body);
    return withDetails(fromArm, { operationStatus: "Failed" });
  }
  const body = (typeof last.body === "object" && last.body !== null ? last.body : {}) as StatusBody;
  const status = typeof body.status === "string" ? body.status.toLowerCase() : "";
  if (status === "failed" || status === "canceled" || status === "cancelled") {
    const outcome: OperationOutcome = status === "failed" ? "Failed" : "Canceled";
    const code =
      typeof body.error?.code === "string" && body.error.code
        ? body.error.code
        : outcome === "Failed"
          ? "OperationFailed"
          : "OperationCanceled";
    const message =
      typeof body.error?.message === "string" && body.error.message
        ? body.error.message
        : `The operation ended ${outcome} without an error message.`;
    return new ApiError(502, code, message, {
      requestId: header(last, "x-ms-request-id") ?? header(write, "x-ms-request-id"),
      details: { operationStatus: outcome } satisfies ChangeFailureDetails,
      cause: error,
    });
  }
  return toApiError(error);
}

/**
 * Adds the resource's state from a fresh ARM read to a failed change's error (`details.current`),
 * or why that read failed (`details.rereadError`), when the change may have happened
 * (`isStateUncertain`). Anything but an ApiError is returned as it is.
 */
export async function withFreshState(
  error: unknown,
  reread: () => Promise<unknown>,
): Promise<unknown> {
  if (!(error instanceof ApiError) || !isStateUncertain(error)) return error;
  try {
    return withDetails(error, { current: await reread() });
  } catch (rereadFailure) {
    const mapped = toApiError(rereadFailure);
    const e = mapped instanceof ApiError ? mapped : ApiError.internal();
    return withDetails(error, {
      rereadError: { code: e.code, message: e.message, status: e.status, requestId: e.requestId },
    });
  }
}
