import { healthCheckQuerySchema } from "@/lib/api/registry-data-schemas";
import { apiRoute } from "@/lib/api/route";
import { callerRegistry } from "@/lib/api/caller-registry";
import { parseInput, queryOf } from "@/lib/api/schemas";
import { runHealthCheck } from "@/lib/registry/health";
import { registryHttp } from "@/lib/registry/http";
import { getSettings } from "@/lib/env";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * `GET .../registries/{name}/health-check[?region=][&host=][&repository=&tag=]` ->
 * `HealthCheckResult`: each step per endpoint, with the caller's own identity. The registry is
 * read from ARM first (403/404 stop here); only hosts ARM lists are contacted.
 */
export const GET = apiRoute(async (input) => {
  const { request, caller } = input;
  const query = parseInput(healthCheckQuerySchema, queryOf(request));
  // The page has just read it with the same token: that answer stands in (access and hosts).
  const registry = await callerRegistry(input);
  return runHealthCheck(registryHttp(), registry, caller, {
    ...query,
    vantage: getSettings().vantageName,
    signal: request.signal,
  });
});
