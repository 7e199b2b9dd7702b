import { describe, expect, it } from "vitest";
import { changeFailureDetails, isStateUncertain } from "@/lib/change-failure";
import { ApiError } from "@/lib/errors";

const armError = (status: number, code: string, details?: unknown) =>
  new ApiError(status, code, `ARM says ${code}`, { requestId: "req-1", details });

describe("isStateUncertain: whether a failed change may have happened", () => {
  it.each([
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
    [
      "operation Canceled",
      armError(502, "OperationCanceled", { operationStatus: "Canceled" }),
      true,
    ],
    [
      "an operation outcome whatever the status",
      armError(400, "X", { operationStatus: "Failed" }),
      true,
    ],
    ["an error not from the API", new TypeError("boom"), true],
  ])("%s", (_name, error, uncertain) => {
    expect(isStateUncertain(error)).toBe(uncertain);
  });
});

describe("changeFailureDetails", () => {
  it("reads what the server attached", () => {
    const details = {
      operationStatus: "Failed",
      current: { name: "contosoprod" },
      rereadError: { code: "ArmUnreachable", message: "no route", status: 502 },
    };
    expect(changeFailureDetails(armError(502, "X", details))).toEqual(details);
  });

  it.each([
    ["an ApiError without details", armError(500, "X")],
    ["an ApiError with details that are not an object", armError(400, "X", "bad")],
    ["an error not from the API", new TypeError("boom")],
  ])("is empty for %s", (_name, error) => {
    expect(changeFailureDetails(error)).toEqual({});
  });
});
