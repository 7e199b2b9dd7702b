import { describe, expect, it } from "vitest";
import { readAdvice } from "@/lib/error-advice";
import { errorReport } from "@/lib/error-report";
import { ApiError } from "@/lib/errors";

describe("errorReport", () => {
  it.each([
    [0, "NetworkError"],
    [403, "AuthorizationFailed"],
    [404, "ResourceNotFound"],
    [503, "ServiceUnavailable"],
  ])("%i %s", (status, code) => {
    const error = new ApiError(status, code, "ARM said no", { requestId: "req-1" });
    const report = errorReport(error, "registry contosoprod");
    expect(report).toEqual({
      title: "Could not load registry contosoprod",
      code,
      message: "ARM said no",
      requestId: "req-1",
      status,
      advice: readAdvice(error),
    });
  });

  it("reports a non-API failure without inventing a code", () => {
    const report = errorReport(new TypeError("boom"), "the replicas");
    expect(report).toMatchObject({ code: "UnexpectedError", message: "boom", status: 0 });
    expect(report.advice).toBe(readAdvice(new TypeError("boom")));
  });
});
