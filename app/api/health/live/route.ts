import { describeRequest } from "@/lib/log/context";
import { withRequestLog } from "@/lib/log/request-log";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** `GET /api/health/live`: the process serves requests. Unauthenticated; says nothing else. */
export function GET(request: Request): Promise<Response> {
  return withRequestLog(request, async () => {
    describeRequest({ route: "/api/health/live" });
    return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
  });
}
