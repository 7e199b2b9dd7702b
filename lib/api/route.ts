import "server-only";
import { verifyBearer, type Caller } from "@/lib/auth/server/verify-token";
import { createArmClients, type ArmClients } from "../azure/client";
import { describeRequest } from "../log/context";
import { routePattern, withRequestLog } from "../log/request-log";
import { errorResponse, jsonResponse } from "./error-response";

/** What a route handler body gets once the caller is verified. */
export interface RouteInput {
  request: Request;
  caller: Caller;
  /** The route's dynamic segments, unvalidated: parse them with a schema. */
  params: unknown;
  /** ARM clients sending the caller's own token. */
  arm: ArmClients;
}

/**
 * Wraps a route handler: verifies the bearer token before anything else, runs the handler, answers
 * its result as JSON (or, for a handler that streams, the Response it returns), and sends every error through the one error mapper. Each request writes one
 * log line (lib/log/request-log.ts).
 */
export function apiRoute(handler: (input: RouteInput) => Promise<unknown>) {
  return (request: Request, context?: { params?: Promise<unknown> }): Promise<Response> =>
    withRequestLog(request, async () => {
      try {
        const params = (await context?.params) ?? {};
        describeRequest({
          route: routePattern(new URL(request.url).pathname, params as Record<string, unknown>),
        });
        const caller = await verifyBearer(request.headers.get("authorization"));
        describeRequest({ callerId: caller.objectId });
        const arm = createArmClients(caller);
        const result = await handler({ request, caller, params, arm });
        // A handler that streams its answer returns the Response itself.
        return result instanceof Response ? result : jsonResponse(result);
      } catch (error) {
        return errorResponse(error);
      }
    });
}
