import { digestsQuerySchema } from "@/lib/api/registry-data-schemas";
import { apiRoute } from "@/lib/api/route";
import { callerRegistry } from "@/lib/api/caller-registry";
import { parseInput, queryOf } from "@/lib/api/schemas";
import { digestMatrix } from "@/lib/registry/digests";
import { registryHttp } from "@/lib/registry/http";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * `GET .../registries/{name}/digests?repository=&tag=` -> `DigestMatrix`: the digest the tag
 * resolves to through each regional endpoint and the global one, with the caller's identity.
 */
export const GET = apiRoute(async (input) => {
  const { request, caller } = input;
  const query = parseInput(digestsQuerySchema, queryOf(request));
  // The page has just read it with the same token: that answer stands in (access and hosts).
  const registry = await callerRegistry(input);
  return digestMatrix(registryHttp(), registry, caller, { ...query, signal: request.signal });
});
