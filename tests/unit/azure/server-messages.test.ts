import { RestError, createHttpHeaders, createPipelineRequest } from "@azure/core-rest-pipeline";
import { describe, expect, it } from "vitest";
import { MAX_SERVER_ERROR_MESSAGE, armResponseError, toApiError } from "@/lib/azure/errors";
import { ApiError } from "@/lib/errors";

/*
 * ARM's 5xx messages reach the user bounded: whatever a failing service put there (a stack trace,
 * internal host names, a megabyte of text) is cut, on one line, while the code and the request
 * id, which support needs, are kept whole. Client errors (4xx) are ARM's advice and stay as ARM
 * wrote them.
 */

const HUGE = `System.NullReferenceException at Microsoft.Internal.Host-17.westus.int\n${"frame ".repeat(20_000)}`;

describe("ARM server errors", () => {
  it.each([500, 502, 503, 504])(
    "%i: the message is bounded, code and request id kept",
    (status) => {
      const error = armResponseError(
        status,
        { "x-ms-request-id": "req-5xx", "x-ms-correlation-request-id": "corr-5xx" },
        { error: { code: "InternalServerError", message: HUGE } },
      );
      expect(error.status).toBe(status);
      expect(error.code).toBe("InternalServerError");
      expect(error.requestId).toBe("req-5xx");
      expect(error.message.length).toBeLessThanOrEqual(MAX_SERVER_ERROR_MESSAGE + 80);
      expect(error.message).not.toMatch(/[\r\n]/);
      expect(error.message).toMatch(/^System\.NullReferenceException/);
      expect(error.message).toMatch(/shortened/);
    },
  );

  it("keeps a short 5xx message as ARM sent it", () => {
    const error = armResponseError(
      503,
      {},
      { error: { code: "ServiceUnavailable", message: "Try again." } },
    );
    expect(error.message).toBe("Try again.");
  });

  it("leaves 4xx messages whole: they are ARM's advice to the caller", () => {
    const long = `The client 'x' does not have authorization. ${"scope ".repeat(200)}`;
    const error = armResponseError(
      403,
      {},
      { error: { code: "AuthorizationFailed", message: long } },
    );
    expect(error.message).toBe(long);
  });

  it("bounds a 5xx RestError's own message when ARM's body could not be read", () => {
    const request = createPipelineRequest({ url: "https://management.azure.com/x" });
    const rest = new RestError(HUGE, {
      statusCode: 500,
      code: "InternalServerError",
      request,
      response: {
        status: 500,
        headers: createHttpHeaders({ "x-ms-request-id": "req-rest" }),
        request,
      },
    });
    const mapped = toApiError(rest);
    expect(mapped).toBeInstanceOf(ApiError);
    const error = mapped as ApiError;
    expect(error.requestId).toBe("req-rest");
    expect(error.code).toBe("InternalServerError");
    expect(error.message.length).toBeLessThanOrEqual(MAX_SERVER_ERROR_MESSAGE + 80);
  });
});
