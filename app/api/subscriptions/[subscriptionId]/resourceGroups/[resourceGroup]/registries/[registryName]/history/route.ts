import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { callerRegistry } from "@/lib/api/caller-registry";
import { parseInput, queryOf } from "@/lib/api/schemas";
import { targetsFromRegistry } from "@/lib/probe/shared/targets";
import { registryHistory } from "@/lib/vantages/server/history";
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
export const GET = apiRoute(async (input) => {
  const { request } = input;
  const { range } = parseInput(historyQuerySchema, queryOf(request));
  // The page has just read it with the same token: that answer stands in (access and hosts).
  const registry = await callerRegistry(input);
  const prometheus = prometheusAccess();
  return registryHistory({
    registry: registry.name,
    targets: targetsFromRegistry(registry),
    range,
    ...(prometheus ? { prometheus } : {}),
    store: sharedVantages().history,
  });
});
