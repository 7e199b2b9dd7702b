import { RestError, createHttpHeaders, createPipelineRequest } from "@azure/core-rest-pipeline";
import { describe, expect, it } from "vitest";
import { armResponseError, toApiError } from "@/lib/azure/errors";
import { ApiError } from "@/lib/errors";

describe("armResponseError", () => {
  it("keeps ARM's status, code, message and request id", () => {
    const error = armResponseError(
      404,
      { "x-ms-request-id": "req-1" },
      { error: { code: "ResourceNotFound", message: "The Resource 'x' was not found." } },
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error.toBody()).toEqual({
      error: {
        code: "ResourceNotFound",
        message: "The Resource 'x' was not found.",
        status: 404,
        requestId: "req-1",
      },
    });
  });

  it("says when to retry a throttled read", () => {
    const error = armResponseError(
      429,
      { "retry-after": "7" },
      { error: { code: "TooManyRequests" } },
    );
    expect(error.status).toBe(429);
    expect(error.code).toBe("TooManyRequests");
    expect(error.message).toMatch(/throttling/);
    expect(error.details).toEqual({ retryAfterSeconds: 7 });
  });

  it.each([
    [
      "a JSON string body",
      '{"error":{"code":"AuthorizationFailed","message":"no"}}',
      "AuthorizationFailed",
      "no",
    ],
    ["an unwrapped body", { code: "Conflict", message: "busy" }, "Conflict", "busy"],
    ["no body", undefined, "Http503", "ARM answered 503 without an error message."],
    ["a non-JSON body", "<html>", "Http503", "ARM answered 503 without an error message."],
  ])("reads %s", (_label, body, code, message) => {
    const error = armResponseError(503, createHttpHeaders({}), body);
    expect([error.code, error.message]).toEqual([code, message]);
  });
});

describe("toApiError", () => {
  const request = createPipelineRequest({ url: "https://management.azure.com/x" });

  it("maps a RestError with a status, keeping ARM's code and message", () => {
    const rest = new RestError("The client does not have authorization", {
      code: "AuthorizationFailed",
      statusCode: 403,
      request,
      response: {
        status: 403,
        headers: createHttpHeaders({ "x-ms-request-id": "req-2" }),
        request,
      },
    });
    const mapped = toApiError(rest) as ApiError;
    expect(mapped).toBeInstanceOf(ApiError);
    expect([mapped.status, mapped.code, mapped.message, mapped.requestId]).toEqual([
      403,
      "AuthorizationFailed",
      "The client does not have authorization",
      "req-2",
    ]);
  });

  it("prefers the response body when the RestError carries it", () => {
    const rest = new RestError("Pagination failed with unexpected statusCode 404", {
      statusCode: 404,
      request,
      response: {
        status: 404,
        headers: createHttpHeaders({}),
        request,
        bodyAsText:
          '{"error":{"code":"ResourceGroupNotFound","message":"Resource group \'rg\' could not be found."}}',
      },
    });
    const mapped = toApiError(rest) as ApiError;
    expect([mapped.code, mapped.message]).toEqual([
      "ResourceGroupNotFound",
      "Resource group 'rg' could not be found.",
    ]);
  });

  it("turns a failed connection into 502 ArmUnreachable", () => {
    const rest = new RestError("connect ECONNREFUSED 127.0.0.1:1", {
      code: "REQUEST_SEND_ERROR",
      request,
    });
    const mapped = toApiError(rest) as ApiError;
    expect([mapped.status, mapped.code]).toEqual([502, "ArmUnreachable"]);
  });

  it("leaves ApiErrors and other errors alone", () => {
    const api = new ApiError(409, "Conflict", "busy");
    expect(toApiError(api)).toBe(api);
    const other = new TypeError("bug");
    expect(toApiError(other)).toBe(other);
  });
});
