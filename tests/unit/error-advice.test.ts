import { describe, expect, it } from "vitest";
import { changeAdvice, readAdvice } from "@/lib/error-advice";
import { ApiError } from "@/lib/errors";

const change = {
  target: "replica" as const,
  action: "Microsoft.ContainerRegistry/registries/replications/write",
};
const armError = (status: number, code: string, details?: unknown) =>
  new ApiError(status, code, `ARM says ${code}`, { requestId: "req-1", details });

describe("advice after a failed read and after a failed change", () => {
  it.each([
    [
      "connection to the console lost",
      armError(0, "NetworkError"),
      /did not answer/,
      /connection to the console's server was lost, so the change may or may not/,
    ],
    [
      "400",
      armError(400, "InvalidInput"),
      /malformed/,
      /^ARM rejected the change as invalid.*Nothing was changed/,
    ],
    [
      "401",
      armError(401, "InvalidToken"),
      /Sign out and sign in again/,
      /Sign in again, then retry/,
    ],
    [
      "403",
      armError(403, "AuthorizationFailed"),
      /role that can read it, such as Reader/,
      /lacks Microsoft\.ContainerRegistry\/registries\/replications\/write.*Contributor/,
    ],
    ["404", armError(404, "ResourceNotFound"), /deleted or renamed/, /no longer has this replica/],
    [
      "409",
      armError(409, "AnotherOperationInProgress"),
      /^Another operation is running on this resource/,
      /^Another operation is already running on this replica/,
    ],
    ["429", armError(429, "TooManyRequests"), /ARM is throttling/, /throttling.*Wait a minute/],
    [
      "429 at the console's own limit",
      ApiError.limited("console", "TooManyProbeStreams", "You have 10 probe streams open", 5),
      /^This is the console's own limit, not Azure's/,
      /^The console refused the request at its own limit, not Azure's/,
    ],
    [
      "429 from Resource Graph's quota",
      ApiError.limited("resource-graph", "ResourceGraphQuotaExceeded", "quota", 5),
      /^Azure Resource Graph's query quota for your account is spent/,
      /Resource Graph's query quota.*nothing was changed/,
    ],
    [
      "500",
      armError(500, "InternalServerError"),
      /request id to support/,
      /failed \(HTTP 500\), so the change may or may not have been applied.*fresh read/,
    ],
    [
      "503",
      armError(503, "ServiceUnavailable"),
      /Retry in a moment/,
      /failed \(HTTP 503\), so the change may or may not/,
    ],
    [
      "ARM unreachable",
      armError(502, "ArmUnreachable"),
      /Retry in a moment/,
      /could not be reached, so the change may or may not/,
    ],
    [
      "any other status",
      armError(418, "Teapot"),
      /^Reload the page; if it persists/,
      /^Nothing is known to have changed/,
    ],
    [
      "an error not from the API",
      new TypeError("boom"),
      /^Reload the page\. If it keeps happening/,
      /may or may not have been applied\. Reload the page/,
    ],
  ])("%s", (_name, error, read, written) => {
    expect(readAdvice(error)).toMatch(read);
    expect(changeAdvice(error, change)).toMatch(written);
  });

  it.each([
    [
      "operation Failed",
      armError(502, "InternalServerError", { operationStatus: "Failed" }),
      /operation ended Failed.*request id to Azure support/,
    ],
    [
      "operation Canceled",
      armError(502, "OperationCanceled", { operationStatus: "Canceled" }),
      /was canceled before it finished/,
    ],
  ])("a change whose %s, whatever its status", (_name, error, written) => {
    expect(changeAdvice(error, change)).toMatch(written);
  });

  it("names the time a throttled change may be retried at", () => {
    const error = armError(429, "TooManyRequests", { retryAfterSeconds: 30 });
    expect(changeAdvice(error, change, "2026-03-01T10:00:30.000Z")).toMatch(
      /Try again after 10:00:30 UTC/,
    );
  });

  it("names what the change was to, registry or replica", () => {
    const registry = { ...change, target: "registry" as const };
    expect(changeAdvice(armError(404, "ResourceNotFound"), registry)).toMatch(
      /no longer has this registry/,
    );
  });
});
