import { parseInput, queryOf, registryParamsSchema } from "@/lib/api/schemas";
import { apiRoute } from "@/lib/api/route";
import { runSwitchChange } from "@/lib/api/switch-change";
import { registryArmPath } from "@/lib/arm-id";
import { noQuerySchema, readJsonBody, regionalEndpointsBodySchema } from "@/lib/api/switch-schemas";
import { setRegionalEndpoints } from "@/lib/azure/mutations/regional-endpoints";
import { rememberRegistryRead, sharedRegistryRead } from "@/lib/azure/recent-reads";
import { rememberFreshRegistry } from "@/lib/azure/fleet/fresh";
import { getRegistry } from "@/lib/azure/registries";
import { changeFailureDetails } from "@/lib/change-failure";
import type { Registry } from "@/lib/types";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** `GET /api/subscriptions/{s}/resourceGroups/{rg}/registries/{name}` -> `Registry` (one ARM read). */
export const GET = apiRoute(async ({ params, arm, caller }) => {
  const { subscriptionId, resourceGroup, registryName } = parseInput(registryParamsSchema, params);
  const ref = { subscriptionId, resourceGroup, name: registryName };
  // A read of the same registry by the same token already under way (a section's route) is
  // joined, not repeated.
  const registry = await sharedRegistryRead(caller.token, ref, () => getRegistry(arm, ref));
  // The page's probe stream opens right after: it reuses this answer instead of a new ARM read.
  rememberRegistryRead(caller.token, registry);
  // The fleet view prefers this answer to Resource Graph's (which lags ARM) for a while.
  rememberFreshRegistry(caller.token, registry);
  return registry;
});

/**
 * `PATCH .../registries/{name}` with exactly `{ "regionalEndpoints": "Enabled" | "Disabled" }`
 * -> the `Registry` as ARM returns it on a fresh read once the operation has ended. ARM's own
 * answer (403 for a reader, 409, 429...) is passed through.
 */
export const PATCH = apiRoute(async ({ request, params, arm, caller }) => {
  const { subscriptionId, resourceGroup, registryName } = parseInput(registryParamsSchema, params);
  parseInput(noQuerySchema, queryOf(request));
  const { regionalEndpoints } = parseInput(
    regionalEndpointsBodySchema,
    await readJsonBody(request),
  );
  const ref = { subscriptionId, resourceGroup, name: registryName };
  return runSwitchChange(
    caller,
    { setting: "regionalEndpoints", resourceId: registryArmPath(ref), value: regionalEndpoints },
    async () => {
      // The page's probe stream reconnects as soon as it shows ARM's answer after the change (or
      // after a failure, the fresh re-read): it must get those endpoints, not the ones read before.
      try {
        const registry = await setRegionalEndpoints(arm, ref, regionalEndpoints);
        rememberRegistryRead(caller.token, registry);
        rememberFreshRegistry(caller.token, registry);
        return registry;
      } catch (error) {
        const current = changeFailureDetails(error).current as Registry | undefined;
        if (current) rememberRegistryRead(caller.token, current);
        throw error;
      }
    },
  );
});
