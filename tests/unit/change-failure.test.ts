import { describe, expect, it } from "vitest";
import { changeFailureDetails, isStateUncertain } from "@/lib/change-failure";
import { armError, changeFailureCases } from "./change-failure-cases";

describe("isStateUncertain: whether a failed change may have happened", () => {
  it.each<[string, unknown, boolean]>([
    ...changeFailureCases,
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
