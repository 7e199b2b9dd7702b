import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { getVantageSettings } from "@/lib/env";
import { sharedVantages } from "./shared";

function same(a: string, b: string): boolean {
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}

/**
 * `GET /metrics` on the console's own port: answered only when `METRICS_TOKEN` is set, and only to
 * `Authorization: Bearer <METRICS_TOKEN>` (404 otherwise, so an unconfigured console shows no
 * such page). `METRICS_LISTEN` serves the same on a separate address instead.
 */
export async function metricsGet(request: Request): Promise<Response> {
  const { metricsToken } = getVantageSettings();
  if (!metricsToken) return new Response("Not found\n", { status: 404 });
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "");
  if (!match || !same(match[1]!, metricsToken)) {
    return new Response("Unauthorized\n", {
      status: 401,
      headers: { "www-authenticate": 'Bearer realm="metrics"' },
    });
  }
  const { body, contentType } = await sharedVantages().metrics.exposition();
  return new Response(body, {
    headers: { "content-type": contentType, "cache-control": "no-store" },
  });
}
