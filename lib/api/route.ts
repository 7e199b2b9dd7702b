import "server-only";
import { verifyBearer, type Caller } from "@/lib/auth/server/verify-token";
import { createArmClients, type ArmClients } from "../azure/client";
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
 * its result as JSON, and sends every error through the one error mapper.
 */
export function apiRoute(handler: (input: RouteInput) => Promise<unknown>) {
  return async (request: Request, context?: { params?: Promise<unknown> }): Promise<Response> => {
    try {
      const caller = await verifyBearer(request.headers.get("authorization"));
      const params = (await context?.params) ?? {};
      const arm = createArmClients(caller);
      return jsonResponse(await handler({ request, caller, params, arm }));
    } catch (error) {
      return errorResponse(error);
    }
  };
}
