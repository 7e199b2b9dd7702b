import { ApiError } from "@/lib/errors";

/** An /api error as a failed change carries it: ARM's status, code and request id, and details. */
export const armError = (status: number, code: string, details?: unknown) =>
  new ApiError(status, code, `ARM says ${code}`, { requestId: "req-1", details });

/** Failed changes and whether the state must be read again after each (the rule under test). */
export const changeFailureCases: [name: string, error: ApiError, uncertain: boolean][] = [
  ["400 from ARM", armError(400, "RegionalEndpointsNotSupported"), false],
  ["401", armError(401, "InvalidToken"), false],
  ["403", armError(403, "AuthorizationFailed"), false],
  ["404", armError(404, "ResourceNotFound"), false],
  ["409", armError(409, "AnotherOperationInProgress"), true],
  ["429 with Retry-After", armError(429, "TooManyRequests", { retryAfterSeconds: 30 }), false],
  ["429 without Retry-After", armError(429, "TooManyRequests"), false],
  ["500", armError(500, "InternalServerError"), true],
  ["ARM unreachable", armError(502, "ArmUnreachable"), true],
  ["connection to the console lost", armError(0, "NetworkError"), true],
  ["operation Failed", armError(502, "InternalServerError", { operationStatus: "Failed" }), true],
  ["operation Canceled", armError(502, "OperationCanceled", { operationStatus: "Canceled" }), true],
];
