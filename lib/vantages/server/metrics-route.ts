import "server-only";
import { bearerMatches } from "@/lib/auth/server/shared-secret";
import { getVantageSettings } from "@/lib/env";
import { sharedVantages } from "./shared";

/**
 * `GET /metrics` on the console's own port: answered only when `METRICS_TOKEN` is set, and only to
 * `Authorization: Bearer <METRICS_TOKEN>` (404 otherwise, so an unconfigured console shows no
 * such page). `METRICS_LISTEN` serves the same on a separate address instead.
 */
export async function metricsGet(request: Request): Promise<Response> {
  const { metricsToken } = getVantageSettings();
  if (!metricsToken) return new Response("Not found\n", { status: 404 });
  if (!bearerMatches(request.headers.get("authorization"), metricsToken)) {
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
