import { apiRoute } from "@/lib/api/route";
import { getInventory } from "@/lib/azure/inventory";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * `GET /api/registries` -> `RegistryInventory`: every registry of every subscription the caller
 * sees, with replica counts of Premium registries; per-subscription failures in `failures`.
 */
export const GET = apiRoute(async ({ arm }) => getInventory(arm));
