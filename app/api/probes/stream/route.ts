import { probeStreamGet } from "@/lib/probe/server/stream";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * `GET /api/probes/stream?registryId=<registry ARM id>[&region=][&intervalMs=][&since=]`: live
 * probe samples of the registry's endpoints as Server-Sent Events ("Probe stream API", README).
 */
export function GET(request: Request): Promise<Response> {
  return probeStreamGet(request);
}
