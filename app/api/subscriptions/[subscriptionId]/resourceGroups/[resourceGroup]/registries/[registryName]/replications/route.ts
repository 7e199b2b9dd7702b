import { parseInput, queryOf, registryParamsSchema, replicasQuerySchema } from "@/lib/api/schemas";
import { apiRoute } from "@/lib/api/route";
import { rememberFreshReplicas } from "@/lib/azure/fleet/fresh";
import { getRegistry } from "@/lib/azure/registries";
import { listReplicas } from "@/lib/azure/replications";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * `GET .../registries/{name}/replications[?location=<registry location>]` -> `{ replicas }`.
 * One ARM read per page when `location` is given (the page already has the registry); without
 * it the registry is read first to know which replica is home.
 */
export const GET = apiRoute(async ({ request, params, arm, caller }) => {
  const { subscriptionId, resourceGroup, registryName } = parseInput(registryParamsSchema, params);
  const { location } = parseInput(replicasQuerySchema, queryOf(request));
  const ref = { subscriptionId, resourceGroup, name: registryName };
  const home = location ?? (await getRegistry(arm, ref)).location;
  const replicas = await listReplicas(arm, ref, home);
  rememberFreshReplicas(caller.token, ref, replicas);
  return { replicas };
});
