import { parseInput, registryParamsSchema } from "@/lib/api/schemas";
import { apiRoute } from "@/lib/api/route";
import { REGISTRY_WRITE, REPLICATION_WRITE } from "@/lib/arm-constants";
import { getRegistryPermissions } from "@/lib/azure/permissions";
import type { SwitchPermissions } from "@/lib/types";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * `GET .../registries/{name}/permissions` -> `SwitchPermissions`: what the caller may change
 * on the registry as ARM's `Microsoft.Authorization/permissions` reports it (one ARM read), and the
 * action each switch needs. Advisory: ARM still decides on each write.
 */
export const GET = apiRoute(async ({ params, arm }): Promise<SwitchPermissions> => {
  const { subscriptionId, resourceGroup, registryName } = parseInput(registryParamsSchema, params);
  const permissions = await getRegistryPermissions(arm, {
    subscriptionId,
    resourceGroup,
    name: registryName,
  });
  return {
    ...permissions,
    actions: { regionalEndpoints: REGISTRY_WRITE, globalEndpointRouting: REPLICATION_WRITE },
  };
});
