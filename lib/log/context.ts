import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";

/**
 * What one /api request did, gathered while it runs and written once in its log line: who called
 * (object id, never the token) and every ARM call made on its behalf with ARM's request and
 * correlation ids (the ids an Azure support case asks for). The ARM pipeline (lib/azure/policies)
 * notes each call into the context of the request it runs in.
 */
export interface RequestContext {
  /** The route's pattern once the route knows its parameters (see routePattern). */
  route?: string;
  /** The caller's Entra object id once the token is verified. */
  callerId?: string;
  /** The error code the request was answered with, if it failed. */
  errorCode?: string;
  /** HTTP calls to ARM, retries and long-running operation polls included. */
  armCalls: number;
  /** `x-ms-request-id` of each ARM answer, in order (the first MAX_IDS). */
  armRequestIds: string[];
  /** Distinct `x-ms-correlation-request-id`s of those answers. */
  armCorrelationIds: string[];
}

/** Ids kept per request: a paged list of many subscriptions should not make a huge log line. */
export const MAX_IDS = 50;

const storage = new AsyncLocalStorage<RequestContext>();

/** Runs `task` with a fresh request context, which every async step it starts shares. */
export function runWithRequestContext<T>(task: (context: RequestContext) => T): T {
  const context: RequestContext = { armCalls: 0, armRequestIds: [], armCorrelationIds: [] };
  return storage.run(context, () => task(context));
}

/** The context of the request this code runs for, if any. */
export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

/** Records one ARM call (answered or not) in the current request's context. */
export function noteArmCall(answer: { requestId?: string; correlationId?: string }): void {
  const context = storage.getStore();
  if (!context) return;
  context.armCalls++;
  if (answer.requestId && context.armRequestIds.length < MAX_IDS)
    context.armRequestIds.push(answer.requestId);
  if (
    answer.correlationId &&
    !context.armCorrelationIds.includes(answer.correlationId) &&
    context.armCorrelationIds.length < MAX_IDS
  ) {
    context.armCorrelationIds.push(answer.correlationId);
  }
}

/** Sets fields of the current request's context (route, caller, error code). */
export function describeRequest(fields: Pick<RequestContext, "route" | "callerId" | "errorCode">) {
  const context = storage.getStore();
  if (!context) return;
  for (const [key, value] of Object.entries(fields) as [keyof typeof fields, string][]) {
    if (value !== undefined) context[key] = value;
  }
}
