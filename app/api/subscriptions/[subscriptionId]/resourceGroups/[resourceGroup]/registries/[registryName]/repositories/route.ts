import { listingQuerySchema } from "@/lib/api/registry-data-schemas";
import { apiRoute } from "@/lib/api/route";
import { callerRegistry } from "@/lib/api/caller-registry";
import { parseInput, queryOf } from "@/lib/api/schemas";
import { registryHttp } from "@/lib/registry/http";
import { listRepository } from "@/lib/registry/listing";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * `GET .../registries/{name}/repositories[?repository=]` -> `{ repositories }` (the catalog) or
 * `{ tags }` of one repository, through the global login server with the caller's identity.
 */
export const GET = apiRoute(async (input) => {
  const { request, caller } = input;
  const query = parseInput(listingQuerySchema, queryOf(request));
  // The page has just read it with the same token: that answer stands in (access and hosts).
  const registry = await callerRegistry(input);
  return listRepository(registryHttp(), registry, caller, { ...query, signal: request.signal });
});
