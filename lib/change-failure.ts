import { ApiError } from "./errors";
import type { ApiErrorBody } from "./types";

/**
 * What a failed switch change carries in its ApiError's `details`, written by the server
 * (lib/azure/mutations) and read by the browser (lib/switches, lib/queries). Isomorphic: no Node
 * or React imports here.
 */

/** How a long-running change ended when it did not succeed, as ARM reported it. */
export type OperationOutcome = "Failed" | "Canceled";

/** Why the fresh read after a failed change failed too. */
export type RereadError = Pick<ApiErrorBody["error"], "code" | "message" | "status" | "requestId">;

/** What a failed change adds to the error's `details`. */
export interface ChangeFailureDetails {
  /** Set when ARM accepted the write but the operation did not succeed. */
  operationStatus?: OperationOutcome;
  /** The resource as a fresh ARM read returned it after the failure (app type). */
  current?: unknown;
  /** Why that fresh read failed, when it did. */
  rereadError?: RereadError;
  /** On 429: how long ARM asked to wait (from `Retry-After`). */
  retryAfterSeconds?: number;
}

/** The change-failure `details` of an error; empty for anything else. */
export function changeFailureDetails(error: unknown): ChangeFailureDetails {
  if (!(error instanceof ApiError) || typeof error.details !== "object" || error.details === null) {
    return {};
  }
  return error.details as ChangeFailureDetails;
}

/**
 * Whether a failed change may have happened after all, so the resource must be read again before
 * telling the user what state it is in: a server error or lost connection (5xx, status 0), an
 * operation that ended Failed or Canceled, another operation holding the resource (409), or an
 * error that did not come from the API at all. A refused write (400, 401, 403, 404, 429) changed
 * nothing.
 */
export function isStateUncertain(error: unknown): boolean {
  if (!(error instanceof ApiError)) return true;
  return (
    error.status === 0 ||
    error.status >= 500 ||
    error.status === 409 ||
    changeFailureDetails(error).operationStatus !== undefined
  );
}
