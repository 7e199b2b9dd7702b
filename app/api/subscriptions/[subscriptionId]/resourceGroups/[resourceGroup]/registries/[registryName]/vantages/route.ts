import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { callerRegistry } from "@/lib/api/caller-registry";
import { parseInput, queryOf } from "@/lib/api/schemas";
import { sharedProbeHub } from "@/lib/probe/server";
import { targetsFromRegistry } from "@/lib/probe/shared/targets";
import { latencyByVantage } from "@/lib/vantages/server/latency";
import { sharedVantages } from "@/lib/vantages/server/shared";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * `GET R/vantages` -> `VantagesAnswer`: the registry's endpoints (ARM, the caller's token) as the
 * console's prober and every configured probe agent last measured them, with each vantage's
 * fastest regional endpoint and the next best. Agents are named, never addressed.
 */
export const GET = apiRoute(async (input) => {
  const { request } = input;
  parseInput(z.strictObject({}), queryOf(request));
  // The page has just read it with the same token: that answer stands in (access and hosts).
  const registry = await callerRegistry(input);
  const vantages = sharedVantages();
  return latencyByVantage({
    registryId: registry.id,
    targets: targetsFromRegistry(registry),
    consoleName: vantages.consoleName,
    hub: sharedProbeHub(),
    feeds: vantages.feeds,
  });
});
