import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { parseInput, queryOf, registryParamsSchema } from "@/lib/api/schemas";
import { targetsFromRegistry } from "@/lib/probe/shared/targets";
import { registryHistory } from "@/lib/vantages/server/history";
import { readRegistryForCaller } from "@/lib/azure/recent-reads";
import { prometheusAccess } from "@/lib/vantages/server/prometheus-access";
import { sharedVantages } from "@/lib/vantages/server/shared";
import { HISTORY_RANGES } from "@/lib/vantages/shared/types";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const historyQuerySchema = z.strictObject({
  range: z.enum(HISTORY_RANGES, { error: "must be 1h, 24h or 7d" }).default("1h"),
});

/**
 * `GET R/history?range=1h|24h|7d` -> `HistoryAnswer`: p50/p90 warm TTFB and availability of the
 * registry's endpoints per vantage, from Prometheus (PROMETHEUS_URL) or the embedded store, and
 * which source answered.
 */
export const GET = apiRoute(async ({ request, params, arm, caller }) => {
  const { subscriptionId, resourceGroup, registryName } = parseInput(registryParamsSchema, params);
  const { range } = parseInput(historyQuerySchema, queryOf(request));
  const registry = await readRegistryForCaller(arm, caller.token, {
    subscriptionId,
    resourceGroup,
    name: registryName,
  });
  const prometheus = prometheusAccess();
  return registryHistory({
    registry: registry.name,
    targets: targetsFromRegistry(registry),
    range,
    ...(prometheus ? { prometheus } : {}),
    store: sharedVantages().history,
  });
});
