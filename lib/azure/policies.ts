import "server-only";
import type { PipelinePolicy } from "@azure/core-rest-pipeline";
import { ApiError } from "../errors";
import { noteArmCall } from "../log/context";

/**
 * Policies on every ARM pipeline the console builds (lib/azure/client.ts), innermost, so they see
 * each HTTP attempt (retries, redirects and long-running operation polls included).
 */

/**
 * Refuses to send a request anywhere but ARM's own origin. The caller's token goes with every
 * request of the pipeline, and some URLs come from ARM's answers (`nextLink`, the
 * `Azure-AsyncOperation` and `Location` status URLs the SDK's pollers follow): a URL on another
 * host is never followed, whichever code path holds it.
 */
export function armOriginPolicy(armEndpoint: string): PipelinePolicy {
  const origin = new URL(armEndpoint).origin;
  return {
    name: "acrConsoleArmOrigin",
    sendRequest(request, next) {
      if (new URL(request.url).origin !== origin) {
        return Promise.reject(
          new ApiError(
            502,
            "UnexpectedOperationUrl",
            "ARM sent a URL on another host; the console does not send your token there.",
          ),
        );
      }
      return next(request);
    },
  };
}

/** The error a user sees when ARM does not answer in time. */
export function armTimeoutError(timeoutMs: number): ApiError {
  const seconds = Math.round(timeoutMs / 100) / 10;
  return new ApiError(
    504,
    "ArmTimeout",
    `Azure Resource Manager did not answer within ${seconds} s. Try again; if it keeps happening, check Azure's status and the network path to ARM.`,
  );
}

/**
 * Bounds each ARM call: an answer (headers and body) not complete within `timeoutMs` is abandoned
 * with 504 `ArmTimeout` instead of holding the user's request as long as ARM does. Not retried:
 * three more waits of the same length would only make the user wait longer.
 */
export function armTimeoutPolicy(timeoutMs: number): PipelinePolicy {
  return {
    name: "acrConsoleArmTimeout",
    async sendRequest(request, next) {
      const timer = new AbortController();
      let timedOut = false;
      const handle = setTimeout(() => {
        timedOut = true;
        timer.abort();
      }, timeoutMs);
      const outer = request.abortSignal;
      // The pipeline's signal is AbortSignal-like: follow it into the timer's controller.
      const follow = () => timer.abort();
      if (outer?.aborted) timer.abort();
      else outer?.addEventListener("abort", follow);
      request.abortSignal = timer.signal;
      try {
        return await next(request);
      } catch (error) {
        if (timedOut) throw armTimeoutError(timeoutMs);
        throw error;
      } finally {
        clearTimeout(handle);
        outer?.removeEventListener("abort", follow);
        request.abortSignal = outer;
      }
    },
  };
}

/** Notes each ARM call and its request and correlation ids in the request's log context. */
export function armCallLogPolicy(): PipelinePolicy {
  return {
    name: "acrConsoleArmCallLog",
    async sendRequest(request, next) {
      try {
        const response = await next(request);
        noteArmCall({
          requestId: response.headers.get("x-ms-request-id"),
          correlationId: response.headers.get("x-ms-correlation-request-id"),
        });
        return response;
      } catch (error) {
        noteArmCall({});
        throw error;
      }
    },
  };
}

const errorBodies = new WeakMap<object, string>();

/**
 * Keeps the body of each ARM error answer with its request. Some SDK paths (the generated list
 * pagers) throw a RestError that keeps ARM's code but replaces its message and drops the body;
 * toApiError finds ARM's own message here through the error's request.
 */
export function armErrorBodyPolicy(): PipelinePolicy {
  return {
    name: "acrConsoleArmErrorBody",
    async sendRequest(request, next) {
      const response = await next(request);
      if (response.status >= 400 && typeof response.bodyAsText === "string") {
        errorBodies.set(request, response.bodyAsText);
      }
      return response;
    },
  };
}

/** The body ARM answered an errored request with, when armErrorBodyPolicy kept it. */
export function armErrorBodyOf(request: object | undefined): string | undefined {
  return request ? errorBodies.get(request) : undefined;
}
