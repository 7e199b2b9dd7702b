import { changesQuerySchema, parseInput, queryOf, registryParamsSchema } from "@/lib/api/schemas";
import { apiRoute } from "@/lib/api/route";
import { readRegistryChanges } from "@/lib/azure/activity-log";
import type { RegistryChanges } from "@/lib/types";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * `GET .../registries/{name}/changes[?days=1..90]` -> `RegistryChanges`: who changed the registry
 * and its replicas, when, what and with what result, from Azure's Activity Log read with the
 * caller's token (default the last 7 days; one ARM read per page of the log).
 */
export const GET = apiRoute(async ({ request, params, arm }): Promise<RegistryChanges> => {
  const { subscriptionId, resourceGroup, registryName } = parseInput(registryParamsSchema, params);
  const { days } = parseInput(changesQuerySchema, queryOf(request));
  return readRegistryChanges(arm, { subscriptionId, resourceGroup, name: registryName }, days);
});
