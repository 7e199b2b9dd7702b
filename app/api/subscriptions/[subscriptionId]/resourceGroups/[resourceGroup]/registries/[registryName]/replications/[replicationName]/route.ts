import { parseInput, queryOf } from "@/lib/api/schemas";
import { apiRoute } from "@/lib/api/route";
import { runSwitchChange } from "@/lib/api/switch-change";
import { replicationArmPath } from "@/lib/arm-id";
import {
  globalEndpointRoutingBodySchema,
  readJsonBody,
  replicationParamsSchema,
  replicationPatchQuerySchema,
} from "@/lib/api/switch-schemas";
import { rememberFreshReplica } from "@/lib/azure/fleet/fresh";
import { setGlobalEndpointRouting } from "@/lib/azure/mutations/global-routing";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * `PATCH .../registries/{name}/replications/{replicationName}[?location=<registry location>]` with exactly
 * `{ "globalEndpointRouting": true | false }` -> the `Replica` as ARM returns it once the operation
 * has ended. `location` marks the home replica without an extra registry read.
 */
export const PATCH = apiRoute(async ({ request, params, arm, caller }) => {
  const { subscriptionId, resourceGroup, registryName, replicationName } = parseInput(
    replicationParamsSchema,
    params,
  );
  const { location } = parseInput(replicationPatchQuerySchema, queryOf(request));
  const { globalEndpointRouting } = parseInput(
    globalEndpointRoutingBodySchema,
    await readJsonBody(request),
  );
  const ref = { subscriptionId, resourceGroup, name: registryName, replicationName };
  return runSwitchChange(
    caller,
    {
      setting: "globalEndpointRouting",
      resourceId: replicationArmPath(ref, replicationName),
      value: globalEndpointRouting,
    },
    async () => {
      const replica = await setGlobalEndpointRouting(arm, ref, globalEndpointRouting, location);
      rememberFreshReplica(caller.token, ref, replica);
      return replica;
    },
  );
});
