import { apiRoute } from "@/lib/api/route";
import { getInventoryWithHealth } from "@/lib/fleet/server/inventory";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * `GET /api/registries` -> `RegistryInventory`: every registry of every subscription the caller
 * sees (ARM's lists), with replica counts of Premium registries and health columns from the fleet
 * reading (Resource Graph, or ARM's replication lists when it fails); per-subscription failures in
 * `failures`.
 */
export const GET = apiRoute(async ({ arm, caller }) => getInventoryWithHealth(arm, caller));
