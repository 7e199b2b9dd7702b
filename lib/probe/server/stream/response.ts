import "server-only";
import { errorResponse } from "@/lib/api/error-response";
import { SSE_HEADERS } from "@/lib/api/sse";
import { verifyBearer } from "@/lib/auth/server/verify-token";
import { createArmClients } from "@/lib/azure/client";
import { freshRegistryRead, readRegistryForCaller } from "@/lib/azure/recent-reads";
import { getServerConfig, getSettings } from "@/lib/env";
import { isDraining, shuttingDown } from "@/lib/lifecycle/state";
import { describeRequest } from "@/lib/log/context";
import { withRequestLog } from "@/lib/log/request-log";
import { DEFAULT_PROBE_INTERVAL_MS } from "@/lib/probe/shared/intervals";
import { sharedProbeHub, type ProbeHub } from "@/lib/probe/server";
import { admitStream, callerKey, type StreamTicket } from "./admission";
import { parseProbeStreamQuery } from "./query";
import { probeEventStream, type ProbeStreamSetup } from "./stream";
import { streamTargets } from "./targets";

/** The route as its log line names it. */
const ROUTE = "/api/probes/stream";

export interface ProbeStreamRouteOptions {
  /** The hub to subscribe to; default the process-wide one. */
  hub?: () => ProbeHub;
  /** Overrides of the stream's timers. */
  timing?: Pick<ProbeStreamSetup, "heartbeatMs" | "recheckEveryMs">;
}

/**
 * `GET /api/probes/stream`: verifies the bearer token first, validates the query, takes one of the
 * caller's stream slots, reads the registry from ARM with the caller's own token (ARM's 403/404
 * come back as JSON errors before any probe is sent; an answer ARM gave this same token in the
 * last minute stands in for the read, and concurrent reads of one registry by one token are one
 * read), takes the probe targets from that ARM answer only, checks the caller's and the server's
 * probe budgets, and streams samples as Server-Sent Events. See "Probe stream API" in the README.
 */
export function probeStreamGet(
  request: Request,
  options: ProbeStreamRouteOptions = {},
): Promise<Response> {
  return withRequestLog(request, async () => {
    describeRequest({ route: ROUTE });
    let ticket: StreamTicket | undefined;
    try {
      const caller = await verifyBearer(request.headers.get("authorization"));
      describeRequest({ callerId: caller.objectId });
      const query = parseProbeStreamQuery(request);
      if (isDraining()) throw shuttingDown();
      const settings = getSettings();
      ticket = admitStream(callerKey(caller), settings);
      // ARM's answer to this very token for this registry within the last minute (the page read
      // it just before), else a new read: either way ARM decided, before any probe.
      const arm = createArmClients(caller);
      const readArm = () => freshRegistryRead(arm, caller.token, query.registry);
      const registry = await readRegistryForCaller(arm, caller.token, query.registry);
      const targets = streamTargets(registry, query.region);
      const hub = (options.hub ?? sharedProbeHub)();
      const admitted = ticket;
      admitted.claimHosts(
        targets.map((t) => t.host),
        hub.activeHosts(),
      );
      const body = probeEventStream({
        hub,
        // ARM ids are case-insensitive: one group (one interval) per registry however it is spelled.
        group: registry.id.toLowerCase(),
        meta: {
          registryId: registry.id,
          registryName: registry.name,
          region: query.region ?? null,
          targets,
          // A configured name: the server's host name tells readers nothing they need.
          vantage: { consoleHost: settings.vantageName, mode: getServerConfig().mode },
        },
        // Addresses are for the pinned view (which replica answered); the overview needs none.
        includeAddresses: query.region !== undefined,
        owner: callerKey(caller),
        intervalMs: query.intervalMs ?? DEFAULT_PROBE_INTERVAL_MS,
        since: query.since,
        signal: request.signal,
        keepAlive: request,
        // Always ARM itself: the caller's token, not a kept answer, decides whether to go on.
        recheck: async () => {
          const current = streamTargets(await readArm(), query.region);
          admitted.replaceHosts(current.map((t) => t.host));
          return current;
        },
        onClose: () => admitted.release(),
        closeAt: caller.expiresOnTimestamp,
        ...options.timing,
      });
      return new Response(body, { status: 200, headers: SSE_HEADERS });
    } catch (error) {
      ticket?.release();
      return errorResponse(error);
    }
  });
}
