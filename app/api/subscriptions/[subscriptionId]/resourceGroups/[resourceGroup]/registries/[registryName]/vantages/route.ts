import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { parseInput, queryOf, registryParamsSchema } from "@/lib/api/schemas";
import { sharedProbeHub } from "@/lib/probe/server";
import { targetsFromRegistry } from "@/lib/probe/shared/targets";
import { latencyByVantage } from "@/lib/vantages/server/latency";
import { readRegistryForCaller } from "@/lib/azure/recent-reads";
import { sharedVantages } from "@/lib/vantages/server/shared";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * `GET R/vantages` -> `VantagesAnswer`: the registry's endpoints (ARM, the caller's token) as the
 * console's prober and every configured probe agent last measured them, with each vantage's
 * fastest regional endpoint and the next best. Agents are named, never addressed.
 */
export const GET = apiRoute(async ({ request, params, arm, caller }) => {
  const { subscriptionId, resourceGroup, registryName } = parseInput(registryParamsSchema, params);
  parseInput(z.strictObject({}), queryOf(request));
  const registry = await readRegistryForCaller(arm, caller.token, {
    subscriptionId,
    resourceGroup,
    name: registryName,
  });
  const vantages = sharedVantages();
  return latencyByVantage({
    registryId: registry.id,
    targets: targetsFromRegistry(registry),
    consoleName: vantages.consoleName,
    hub: sharedProbeHub(),
    feeds: vantages.feeds,
  });
});
