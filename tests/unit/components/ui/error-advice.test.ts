import { describe, expect, it } from "vitest";
import { errorReport } from "@/components/ui/error-advice";
import { ApiError } from "@/lib/errors";

describe("errorReport", () => {
  it.each([
    [0, "NetworkError", /did not answer/],
    [400, "InvalidInput", /malformed/],
    [401, "InvalidToken", /Sign out and sign in again/],
    [403, "AuthorizationFailed", /role that can read it, such as Reader/],
    [404, "ResourceNotFound", /deleted or renamed/],
    [409, "Conflict", /Another operation/],
    [429, "TooManyRequests", /throttling/],
    [500, "InternalServerError", /request id to support/],
    [503, "ServiceUnavailable", /Retry in a moment/],
  ])("%i %s", (status, code, advice) => {
    const report = errorReport(
      new ApiError(status, code, "ARM said no", { requestId: "req-1" }),
      "registry contosoprod",
    );
    expect(report).toMatchObject({
      title: "Could not load registry contosoprod",
      code,
      message: "ARM said no",
      requestId: "req-1",
      status,
    });
    expect(report.advice).toMatch(advice);
  });

  it("reports a non-API failure without inventing a code", () => {
    const report = errorReport(new TypeError("boom"), "the replicas");
    expect(report).toMatchObject({ code: "UnexpectedError", message: "boom", status: 0 });
  });
});
