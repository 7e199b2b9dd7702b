import "server-only";
import { hostname } from "node:os";
import { errorResponse } from "@/lib/api/error-response";
import { verifyBearer } from "@/lib/auth/server/verify-token";
import { createArmClients } from "@/lib/azure/client";
import {
  forgetRegistryRead,
  recentRegistryRead,
  rememberRegistryRead,
} from "@/lib/azure/recent-reads";
import { getRegistry } from "@/lib/azure/registries";
import { getServerConfig } from "@/lib/env";
import { DEFAULT_PROBE_INTERVAL_MS } from "@/lib/probe/shared/intervals";
import { sharedProbeHub, type ProbeHub } from "@/lib/probe/server";
import { parseProbeStreamQuery } from "./query";
import { probeEventStream, type ProbeStreamSetup } from "./stream";
import { streamTargets } from "./targets";

/** The viewer interval when the client asks for none: the prober's default. */

const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  // no-transform: a compressing proxy would hold events back until its buffer fills.
  "cache-control": "no-store, no-transform",
  "x-accel-buffering": "no",
};

export interface ProbeStreamRouteOptions {
  /** The hub to subscribe to; default the process-wide one. */
  hub?: () => ProbeHub;
  /** Overrides of the stream's timers. */
  timing?: Pick<ProbeStreamSetup, "heartbeatMs" | "recheckEveryMs">;
}

/**
 * `GET /api/probes/stream`: verifies the bearer token first, validates the query, reads the
 * registry from ARM with the caller's own token (ARM's 403/404 come back as JSON errors before
 * any probe is sent; an answer ARM gave this same token in the last minute stands in for the read),
 * takes the probe targets from that ARM answer only, and streams samples as Server-Sent Events.
 * See "Probe stream API" in the README.
 */
export async function probeStreamGet(
  request: Request,
  options: ProbeStreamRouteOptions = {},
): Promise<Response> {
  try {
    const caller = await verifyBearer(request.headers.get("authorization"));
    const query = parseProbeStreamQuery(request);
    // ARM's answer to this very token for this registry within the last minute (the page read
    // it just before), else a new read: either way ARM decided, before any probe.
    const readArm = async () => {
      try {
        const fresh = await getRegistry(createArmClients(caller), query.registry);
        rememberRegistryRead(caller.token, fresh);
        return fresh;
      } catch (error) {
        forgetRegistryRead(caller.token, query.registry);
        throw error;
      }
    };
    const registry = recentRegistryRead(caller.token, query.registry) ?? (await readArm());
    const targets = streamTargets(registry, query.region);
    const hub = (options.hub ?? sharedProbeHub)();
    const body = probeEventStream({
      hub,
      // ARM ids are case-insensitive: one group (one interval) per registry however it is spelled.
      group: registry.id.toLowerCase(),
      meta: {
        registryId: registry.id,
        registryName: registry.name,
        region: query.region ?? null,
        targets,
        vantage: { consoleHost: hostname(), mode: getServerConfig().mode },
      },
      intervalMs: query.intervalMs ?? DEFAULT_PROBE_INTERVAL_MS,
      since: query.since,
      signal: request.signal,
      keepAlive: request,
      // Always ARM itself: the caller's token, not a kept answer, decides whether to go on.
      recheck: async () => streamTargets(await readArm(), query.region),
      closeAt: caller.expiresOnTimestamp,
      ...options.timing,
    });
    return new Response(body, { status: 200, headers: SSE_HEADERS });
  } catch (error) {
    return errorResponse(error);
  }
}
