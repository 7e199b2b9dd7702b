import { digestsQuerySchema } from "@/lib/api/registry-data-schemas";
import { apiRoute } from "@/lib/api/route";
import { parseInput, queryOf, registryParamsSchema } from "@/lib/api/schemas";
import { readRegistryForCaller } from "@/lib/azure/recent-reads";
import { digestMatrix } from "@/lib/registry/digests";
import { registryHttp } from "@/lib/registry/http";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * `GET .../registries/{name}/digests?repository=&tag=` -> `DigestMatrix`: the digest the tag
 * resolves to through each regional endpoint and the global one, with the caller's identity.
 */
export const GET = apiRoute(async ({ request, params, arm, caller }) => {
  const { subscriptionId, resourceGroup, registryName } = parseInput(registryParamsSchema, params);
  const query = parseInput(digestsQuerySchema, queryOf(request));
  // The page has just read it with the same token: that answer stands in (access and hosts).
  const registry = await readRegistryForCaller(arm, caller.token, {
    subscriptionId,
    resourceGroup,
    name: registryName,
  });
  return digestMatrix(registryHttp(), registry, caller, { ...query, signal: request.signal });
});
