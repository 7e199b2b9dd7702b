import { parseInput, registryParamsSchema } from "@/lib/api/schemas";
import { apiRoute } from "@/lib/api/route";
import { getRegistry } from "@/lib/azure/registries";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** `GET /api/subscriptions/{s}/resourceGroups/{rg}/registries/{name}` -> `Registry` (one ARM read). */
export const GET = apiRoute(async ({ params, arm }) => {
  const { subscriptionId, resourceGroup, registryName } = parseInput(registryParamsSchema, params);
  return getRegistry(arm, { subscriptionId, resourceGroup, name: registryName });
});
