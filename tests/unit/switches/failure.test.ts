import { describe, expect, it } from "vitest";
import { changeAdvice } from "@/lib/error-advice";
import { ApiError } from "@/lib/errors";
import {
  describeRegistryState,
  describeReplicaState,
  switchFailureReport,
  type AttemptedChange,
} from "@/lib/switches/failure";
import { registry, replica } from "@/tests/unit/fixtures";

const change: AttemptedChange = {
  label: "turn global endpoint routing off for eastus",
  target: "replica",
  action: "Microsoft.ContainerRegistry/registries/replications/write",
};
const now = new Date("2026-03-01T10:00:00.000Z");
const armError = (status: number, code: string, details?: unknown) =>
  new ApiError(status, code, `ARM says ${code}`, { requestId: "req-1", details });

describe("switch failure reports", () => {
  it.each([
    ["403", armError(403, "AuthorizationFailed"), false],
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
    ["400 from ARM", armError(400, "RegionalEndpointsNotSupported"), false],
    ["401", armError(401, "InvalidToken"), false],
    ["404", armError(404, "ResourceNotFound"), false],
  ])("%s", (_name, error, uncertain) => {
    const report = switchFailureReport(error, change, now);
    expect(report.title).toBe("Could not turn global endpoint routing off for eastus");
    expect(report.code).toBe(error.code);
    expect(report.message).toBe(error.message);
    expect(report.requestId).toBe("req-1");
    expect(report.status).toBe(error.status);
    expect(report.advice).toBe(changeAdvice(error, change, report.retryAt));
    expect(report.stateUncertain).toBe(uncertain);
  });

  it("gives the time to retry a 429 at", () => {
    const report = switchFailureReport(
      armError(429, "TooManyRequests", { retryAfterSeconds: 5 }),
      change,
      now,
    );
    expect(report.retryAt).toBe("2026-03-01T10:00:05.000Z");
    expect(report.advice).toMatch(/Try again after 10:00:05 UTC/);
  });

  it("treats an error that is not from the API as uncertain", () => {
    const report = switchFailureReport(new TypeError("boom"), change, now);
    expect(report).toMatchObject({
      code: "UnexpectedError",
      message: "boom",
      stateUncertain: true,
    });
  });
});

describe("state as ARM reports it", () => {
  it.each([
    [
      describeRegistryState(registry({ regionalEndpoints: "Enabled" })),
      "Regional endpoints: Enabled (provisioning state Succeeded)",
    ],
    [
      describeRegistryState(registry({ provisioningState: "Failed" })),
      "Regional endpoints: Disabled (provisioning state Failed)",
    ],
    [
      describeReplicaState(replica("eastus", { globalEndpointRouting: false })),
      "Global endpoint routing for eastus: Off (provisioning state Succeeded)",
    ],
    [
      describeReplicaState(replica("eastus", { provisioningState: "Canceled" })),
      "Global endpoint routing for eastus: On (provisioning state Canceled)",
    ],
  ])("%s", (text, expected) => {
    expect(text).toBe(expected);
  });
});
