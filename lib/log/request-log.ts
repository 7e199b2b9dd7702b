import "server-only";
import { runWithRequestContext, type RequestContext } from "./context";
import { logger } from "./logger";

/** Routes whose log line is debug, not info: load balancers call them every few seconds. */
const QUIET_ROUTES = /^\/api\/health\//;

/**
 * The route's pattern from its path and parameters, e.g.
 * `/api/subscriptions/[subscriptionId]/resourceGroups/[resourceGroup]/registries/[registryName]`:
 * one value per route (for counting and alerting), with names and ids out of the route field.
 */
export function routePattern(pathname: string, params: Record<string, unknown> = {}): string {
  const names = Object.entries(params).filter(([, v]) => typeof v === "string" && v !== "");
  const used = new Set<string>();
  return pathname
    .split("/")
    .map((segment) => {
      let decoded = segment;
      try {
        decoded = decodeURIComponent(segment);
      } catch {
        // Not percent-encoded text: compare as it is.
      }
      const match = names.find(([name, value]) => !used.has(name) && value === decoded);
      if (!match) return segment;
      used.add(match[0]);
      return `[${match[0]}]`;
    })
    .join("/");
}

/**
 * Runs a request's handler with a request context and writes its one log line once it has
 * answered: method, route, status, duration, the caller's object id (never the token), how many
 * ARM calls it made and ARM's request and correlation ids. A handler that throws is logged as 500
 * and the error passed on.
 */
export async function withRequestLog(
  request: Request,
  handler: () => Promise<Response>,
): Promise<Response> {
  const started = performance.now();
  return runWithRequestContext(async (context) => {
    let status = 500;
    try {
      const response = await handler();
      status = response.status;
      return response;
    } finally {
      writeRequestLine(request, context, status, performance.now() - started);
    }
  });
}

function writeRequestLine(
  request: Request,
  context: RequestContext,
  status: number,
  durationMs: number,
) {
  const route = context.route ?? new URL(request.url).pathname;
  const line = {
    event: "api-request",
    method: request.method,
    route,
    status,
    durationMs: Math.round(durationMs * 10) / 10,
    callerId: context.callerId ?? null,
    armCalls: context.armCalls,
    armRequestIds: context.armRequestIds,
    ...(context.armCorrelationIds.length ? { armCorrelationIds: context.armCorrelationIds } : {}),
    ...(context.errorCode ? { errorCode: context.errorCode } : {}),
  };
  const log = logger();
  if (status >= 500) log.error(line, "api request failed");
  else if (QUIET_ROUTES.test(route)) log.debug(line, "api request");
  else log.info(line, "api request");
}
