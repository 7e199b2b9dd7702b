import { fleetStreamGet } from "@/lib/fleet/server/stream";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * `GET /api/fleet/stream`: the fleet sweep's results for the caller's endpoints as Server-Sent
 * Events (README, "The fleet API").
 */
export function GET(request: Request): Promise<Response> {
  return fleetStreamGet(request);
}
