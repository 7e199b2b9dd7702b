import { healthCheckQuerySchema } from "@/lib/api/registry-data-schemas";
import { apiRoute } from "@/lib/api/route";
import { parseInput, queryOf, registryParamsSchema } from "@/lib/api/schemas";
import { readRegistryForCaller } from "@/lib/azure/recent-reads";
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
export const GET = apiRoute(async ({ request, params, arm, caller }) => {
  const { subscriptionId, resourceGroup, registryName } = parseInput(registryParamsSchema, params);
  const query = parseInput(healthCheckQuerySchema, queryOf(request));
  // The page has just read it with the same token: that answer stands in (access and hosts).
  const registry = await readRegistryForCaller(arm, caller.token, {
    subscriptionId,
    resourceGroup,
    name: registryName,
  });
  return runHealthCheck(registryHttp(), registry, caller, {
    ...query,
    vantage: getSettings().vantageName,
    signal: request.signal,
  });
});
