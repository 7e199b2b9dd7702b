import { describe, expect, it } from "vitest";
import { changeAdvice } from "@/lib/error-advice";
import { armError, changeFailureCases } from "../change-failure-cases";
import {
  describeRegistryState,
  describeReplicaState,
  stateAfterFailure,
  switchFailureReport,
  type AttemptedChange,
} from "@/lib/switches/failure";
import { globalRoutingChange } from "@/lib/switches/global-routing";
import { regionalEndpointsChange } from "@/lib/switches/regional-endpoints";
import { registry, replica } from "@/tests/unit/fixtures";

const change: AttemptedChange = {
  label: "turn global endpoint routing off for eastus",
  target: "replica",
  action: "Microsoft.ContainerRegistry/registries/replications/write",
};
const now = new Date("2026-03-01T10:00:00.000Z");

describe("switch failure reports", () => {
  it.each(changeFailureCases)("%s", (_name, error, uncertain) => {
    const report = switchFailureReport(error, change, { now });
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
      { now },
    );
    expect(report.retryAt).toBe("2026-03-01T10:00:05.000Z");
    expect(report.advice).toMatch(/Try again after 10:00:05 UTC/);
  });

  it("treats an error that is not from the API as uncertain", () => {
    const report = switchFailureReport(new TypeError("boom"), change, { now });
    expect(report).toMatchObject({
      code: "UnexpectedError",
      message: "boom",
      stateUncertain: true,
    });
  });
});

describe("the state a failure report shows", () => {
  const state = "Global endpoint routing for eastus: On (provisioning state Failed)";
  const unreadable = armError(500, "InternalServerError", {
    rereadError: { code: "ArmUnreachable", message: "no route", status: 502 },
  });
  it.each([
    [
      "read again after a change that may have happened",
      armError(500, "InternalServerError"),
      state,
      { lead: "ARM reports now, on a fresh read: ", state },
    ],
    [
      "read after a change that was refused",
      armError(403, "AuthorizationFailed"),
      state,
      { lead: "ARM reports now: ", state },
    ],
    [
      "not read again after a change that may have happened",
      unreadable,
      undefined,
      {
        unknown:
          "The console could not read the replica again (ArmUnreachable: no route), so its state is unknown: reload the page before trying again.",
      },
    ],
    [
      "not read again, and no reason known",
      new TypeError("boom"),
      undefined,
      {
        unknown:
          "The console could not read the replica again, so its state is unknown: reload the page before trying again.",
      },
    ],
    ["not read after a change that was refused", armError(403, "X"), undefined, undefined],
  ])("%s", (_name, error, stateNow, line) => {
    expect(switchFailureReport(error, change, { stateNow, now }).stateLine).toEqual(line);
  });

  const held = { text: state, updatedAt: 1_000 };
  it.each([
    ["a read that landed after the change was submitted", armError(500, "X"), 900, state],
    ["a read that landed as the change was submitted", armError(500, "X"), 1_000, state],
    ["the route's own re-read", armError(500, "X", { current: {} }), 2_000, state],
    ["only the state from before the change", armError(500, "X"), 2_000, undefined],
  ])("after a failure, shows %s", (_name, error, submittedAt, shown) => {
    expect(stateAfterFailure(error, submittedAt, held)).toBe(shown);
  });
});

describe("the change a failure report names", () => {
  const registryWrite = "Microsoft.ContainerRegistry/registries/write";
  const replicationWrite = "Microsoft.ContainerRegistry/registries/replications/write";
  it.each([
    ["turn regional endpoints on", regionalEndpointsChange(true), "registry", registryWrite],
    ["turn regional endpoints off", regionalEndpointsChange(false), "registry", registryWrite],
    [
      "turn global endpoint routing off for eastus",
      globalRoutingChange("eastus", false),
      "replica",
      replicationWrite,
    ],
    [
      "turn global endpoint routing on for westus2",
      globalRoutingChange("westus2", true),
      "replica",
      replicationWrite,
    ],
  ])("%s", (label, attempted, target, action) => {
    expect(attempted).toEqual({ label, target, action });
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
