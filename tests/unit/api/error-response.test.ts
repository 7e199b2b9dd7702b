import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { errorResponse } from "@/lib/api/error-response";
import { ApiError } from "@/lib/errors";
import { captureLog } from "../../support/log-capture";

afterEach(() => vi.restoreAllMocks());

describe("errorResponse", () => {
  it("answers an ApiError with its status and body", async () => {
    const res = errorResponse(new ApiError(404, "ResourceNotFound", "gone", { requestId: "r" }));
    expect(res.status).toBe(404);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual({
      error: { code: "ResourceNotFound", message: "gone", status: 404, requestId: "r" },
    });
  });

  it.each([
    [ApiError.unauthorized(), "Bearer"],
    [ApiError.invalidToken("it has expired"), 'Bearer error="invalid_token"'],
  ])("answers 401 with a Bearer challenge", async (error, challenge) => {
    const res = errorResponse(error);
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe(challenge);
    expect((await res.json()).error.code).toBe(error.code);
  });

  it("passes Retry-After on a throttled answer", () => {
    const res = errorResponse(
      new ApiError(429, "TooManyRequests", "slow down", { details: { retryAfterSeconds: 9 } }),
    );
    expect(res.headers.get("retry-after")).toBe("9");
  });

  it("answers a validation error with 400 and the issues", async () => {
    const parsed = z.object({ registryName: z.string().min(5) }).safeParse({ registryName: "x" });
    const res = errorResponse(parsed.error);
    const body = await res.json();
    expect(res.status).toBe(400);
    expect(body.error.code).toBe("InvalidInput");
    expect(body.error.message).toMatch(/^registryName /);
    expect(body.error.details).toHaveLength(1);
  });

  it("hides the internals of anything else", async () => {
    const log = captureLog();
    const res = errorResponse(new TypeError("secret internal detail at /srv/app.js:12"));
    log.stop();
    const text = await res.text();
    expect(res.status).toBe(500);
    expect(JSON.parse(text).error).toEqual({
      code: "InternalError",
      message: "The console failed to handle this request.",
      status: 500,
    });
    expect(text).not.toMatch(/secret|app\.js|TypeError/);
    expect(log.lines()).toContainEqual(expect.objectContaining({ level: "error" }));
  });
});

describe("ApiError", () => {
  it("round-trips through its body", () => {
    const error = new ApiError(403, "AuthorizationFailed", "no", { requestId: "x", details: [1] });
    const back = ApiError.fromBody(error.toBody());
    expect(back).toBeInstanceOf(ApiError);
    expect(back.toBody()).toEqual(error.toBody());
  });
});
