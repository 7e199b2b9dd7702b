import "server-only";
import { errorResponse } from "@/lib/api/error-response";
import { SSE_HEADERS, sseBody } from "@/lib/api/sse";
import { verifyBearer } from "@/lib/auth/server/verify-token";
import { createArmClients } from "@/lib/azure/client";
import { readFleet } from "@/lib/azure/fleet/reading";
import { ApiError } from "@/lib/errors";
import { fleetTargets } from "@/lib/fleet/shared/targets";
import type { EndpointHealth, SweepEvent } from "@/lib/fleet/shared/types";
import type { FleetSweep } from "@/lib/probe/server/sweep/sweep";
import { sharedFleetSweep } from "@/lib/probe/server/sweep/shared-sweep";
import { callerKey, lastReading, rememberReading } from "./state";

/** A comment line this often keeps proxies from closing an idle stream. */
export const FLEET_HEARTBEAT_MS = 15_000;
/** The caller's lease on the sweep is renewed this often while the stream is open. */
const RENEW_MS = 60_000;
const MAX_BUFFERED_BYTES = 4 << 20;
const RETRY_HINT_MS = 5_000;

export interface FleetStreamOptions {
  sweep?: () => FleetSweep;
  heartbeatMs?: number;
}

function encode(event: SweepEvent): string {
  return `event: sweep\ndata: ${JSON.stringify(event)}\n\n`;
}

/**
 * `GET /api/fleet/stream`: the fleet sweep's results for the caller's endpoints as Server-Sent
 * Events. The bearer token is verified first; the endpoints come from the caller's last fleet
 * reading (or a new one, with the caller's token), so a caller hears only of registries ARM or
 * Resource Graph let it read. First event: what the sweep last saw of them; then each batch of
 * new results, and one (possibly empty) event at the end of every round. Ends at token expiry.
 */
export async function fleetStreamGet(
  request: Request,
  options: FleetStreamOptions = {},
): Promise<Response> {
  try {
    const caller = await verifyBearer(request.headers.get("authorization"));
    const params = new URL(request.url).searchParams;
    const unknown = [...params.keys()];
    if (unknown.length > 0) {
      throw ApiError.invalidInput(`${unknown[0]} is not a parameter of this stream`, [
        {
          field: unknown[0],
          message: "is not a parameter of this stream",
          code: "unrecognized_keys",
        },
      ]);
    }
    let registries = lastReading(caller.token);
    if (!registries) {
      registries = (await readFleet(createArmClients(caller), caller)).registries;
      rememberReading(caller.token, registries);
    }
    const targets = fleetTargets(registries);
    const hosts = new Set(targets.map((t) => t.host));
    const sweep = (options.sweep ?? sharedFleetSweep)();
    const lease = () => sweep.lease(callerKey(caller.token), targets);
    lease();

    let unsubscribe: (() => void) | undefined;
    let renewal: ReturnType<typeof setInterval> | undefined;
    const body = sseBody({
      signal: request.signal,
      keepAlive: request,
      retryMs: RETRY_HINT_MS,
      heartbeatMs: options.heartbeatMs ?? FLEET_HEARTBEAT_MS,
      maxBufferedBytes: MAX_BUFFERED_BYTES,
      closeAt: caller.expiresOnTimestamp,
      expiryEvent: `event: end\ndata: ${JSON.stringify({ reason: "token-expired", message: "The bearer token expired; reconnect with a new one." })}\n\n`,
      start(channel) {
        channel.write(encode({ health: sweep.healthFor(hosts), lastRoundAt: sweep.lastRoundAt }));
        unsubscribe = sweep.subscribe((health: EndpointHealth[], lastRoundAt) => {
          const mine = health.filter((h) => hosts.has(h.host));
          if (mine.length > 0 || health.length === 0) {
            channel.write(encode({ health: mine, lastRoundAt }));
          }
        });
        renewal = setInterval(lease, RENEW_MS);
      },
      onClose() {
        unsubscribe?.();
        clearInterval(renewal);
      },
    });
    return new Response(body, { status: 200, headers: SSE_HEADERS });
  } catch (error) {
    return errorResponse(error);
  }
}
