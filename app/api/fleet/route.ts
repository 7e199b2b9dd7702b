import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { parseInput, queryOf } from "@/lib/api/schemas";
import { getFleetSnapshot } from "@/lib/fleet/server/snapshot";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** `/api/fleet` takes no parameters: the fleet is everything the caller can read. */
const fleetQuerySchema = z.strictObject({});

/**
 * `GET /api/fleet` -> `FleetSnapshot`: every registry and replica the caller can read (Azure
 * Resource Graph, or ARM's lists when it fails), the sweep's endpoint health, what needs
 * attention, totals, the source and its "as of" time (README, "The fleet API").
 */
export const GET = apiRoute(async ({ request, arm, caller }) => {
  parseInput(fleetQuerySchema, queryOf(request));
  return getFleetSnapshot(arm, caller);
});
