import { parseInput, queryOf, registryParamsSchema } from "@/lib/api/schemas";
import { apiRoute } from "@/lib/api/route";
import { noQuerySchema, readJsonBody, regionalEndpointsBodySchema } from "@/lib/api/switch-schemas";
import { setRegionalEndpoints } from "@/lib/azure/mutations/regional-endpoints";
import { getRegistry } from "@/lib/azure/registries";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** `GET /api/subscriptions/{s}/resourceGroups/{rg}/registries/{name}` -> `Registry` (one ARM read). */
export const GET = apiRoute(async ({ params, arm }) => {
  const { subscriptionId, resourceGroup, registryName } = parseInput(registryParamsSchema, params);
  return getRegistry(arm, { subscriptionId, resourceGroup, name: registryName });
});

/**
 * `PATCH .../registries/{name}` with exactly `{ "regionalEndpoints": "Enabled" | "Disabled" }`
 * -> the `Registry` as ARM returns it on a fresh read once the operation has ended. ARM's own
 * answer (403 for a reader, 409, 429...) is passed through.
 */
export const PATCH = apiRoute(async ({ request, params, arm }) => {
  const { subscriptionId, resourceGroup, registryName } = parseInput(registryParamsSchema, params);
  parseInput(noQuerySchema, queryOf(request));
  const { regionalEndpoints } = parseInput(
    regionalEndpointsBodySchema,
    await readJsonBody(request),
  );
  return setRegionalEndpoints(
    arm,
    { subscriptionId, resourceGroup, name: registryName },
    regionalEndpoints,
  );
});
