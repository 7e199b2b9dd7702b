import { readiness, serves } from "@/lib/api/health";
import { describeRequest } from "@/lib/log/context";
import { withRequestLog } from "@/lib/log/request-log";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * `GET /api/health/ready`: 200 when the configuration is valid (`degraded` when the identity
 * provider's keys or ARM do not answer), 503 for an invalid configuration or while shutting down.
 * Unauthenticated; only the checks' results.
 */
export function GET(request: Request): Promise<Response> {
  return withRequestLog(request, async () => {
    describeRequest({ route: "/api/health/ready" });
    const answer = await readiness();
    return Response.json(answer, {
      status: serves(answer) ? 200 : 503,
      headers: { "cache-control": "no-store" },
    });
  });
}
