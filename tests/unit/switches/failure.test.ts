import { describe, expect, it } from "vitest";
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
    [
      "403",
      armError(403, "AuthorizationFailed"),
      false,
      /lacks Microsoft\.ContainerRegistry\/registries\/replications\/write.*Contributor/,
    ],
    [
      "409",
      armError(409, "AnotherOperationInProgress"),
      true,
      /Another operation is already running on this replica/,
    ],
    [
      "429 with Retry-After",
      armError(429, "TooManyRequests", { retryAfterSeconds: 30 }),
      false,
      /Try again after 10:00:30 UTC/,
    ],
    ["429 without Retry-After", armError(429, "TooManyRequests"), false, /Wait a minute/],
    [
      "500",
      armError(500, "InternalServerError"),
      true,
      /failed \(HTTP 500\), so the change may or may not have been applied.*fresh read/,
    ],
    [
      "ARM unreachable",
      armError(502, "ArmUnreachable"),
      true,
      /could not be reached, so the change may or may not/,
    ],
    [
      "connection to the console lost",
      armError(0, "NetworkError"),
      true,
      /connection to the console's server was lost/,
    ],
    [
      "operation Failed",
      armError(502, "InternalServerError", { operationStatus: "Failed" }),
      true,
      /operation ended Failed.*request id to Azure support/,
    ],
    [
      "operation Canceled",
      armError(502, "OperationCanceled", { operationStatus: "Canceled" }),
      true,
      /was canceled before it finished/,
    ],
    [
      "400 from ARM",
      armError(400, "RegionalEndpointsNotSupported"),
      false,
      /rejected the change as invalid/,
    ],
    ["401", armError(401, "InvalidToken"), false, /Sign in again/],
    ["404", armError(404, "ResourceNotFound"), false, /no longer has this replica/],
  ])("%s", (_name, error, uncertain, advice) => {
    const report = switchFailureReport(error, change, now);
    expect(report.title).toBe("Could not turn global endpoint routing off for eastus");
    expect(report.code).toBe(error.code);
    expect(report.message).toBe(error.message);
    expect(report.requestId).toBe("req-1");
    expect(report.status).toBe(error.status);
    expect(report.advice).toMatch(advice);
    expect(report.stateUncertain).toBe(uncertain);
  });

  it("gives the time to retry a 429 at", () => {
    const report = switchFailureReport(
      armError(429, "TooManyRequests", { retryAfterSeconds: 5 }),
      change,
      now,
    );
    expect(report.retryAt).toBe("2026-03-01T10:00:05.000Z");
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
