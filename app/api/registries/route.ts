import { apiRoute } from "@/lib/api/route";
import { getInventoryWithHealth } from "@/lib/fleet/server/inventory";
import { inventoryLines, wantsInventoryLines } from "@/lib/fleet/server/inventory-stream";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * `GET /api/registries` -> `RegistryInventory`: every registry of every subscription the caller
 * sees (ARM's lists), with replica counts of Premium registries and health columns from the fleet
 * reading (Resource Graph, or ARM's replication lists when it fails); per-subscription failures in
 * `failures`. With `Accept: application/x-ndjson`, the same line by line: each subscription's
 * registries as ARM lists them, then what the fleet reading adds to each with the failures, not
 * the registries again (see lib/fleet/server/inventory-stream.ts).
 */
export const GET = apiRoute(async ({ request, arm, caller }) =>
  wantsInventoryLines(request) ? inventoryLines(arm, caller) : getInventoryWithHealth(arm, caller),
);
