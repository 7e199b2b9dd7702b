import "server-only";
import { readRegistryForCaller } from "@/lib/azure/recent-reads";
import type { RouteInput } from "./route";
import { parseInput, registryParamsSchema } from "./schemas";

/**
 * The registry of a `.../registries/{registryName}/...` route as ARM shows it to the caller: the
 * route's segments validated, then the answer ARM gave the same token within the last minute (the
 * page's own read) or a new read. ARM's 403/404 stop the route before anything else is contacted.
 */
export function callerRegistry({ params, arm, caller }: RouteInput) {
  const { subscriptionId, resourceGroup, registryName } = parseInput(registryParamsSchema, params);
  return readRegistryForCaller(arm, caller.token, {
    subscriptionId,
    resourceGroup,
    name: registryName,
  });
}
