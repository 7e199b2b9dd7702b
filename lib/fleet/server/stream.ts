import "server-only";
import { errorResponse } from "@/lib/api/error-response";
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

const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-store, no-transform",
  "x-accel-buffering": "no",
};

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

    const encoder = new TextEncoder();
    let closed = false;
    let unsubscribe: (() => void) | undefined;
    const timers: ReturnType<typeof setInterval>[] = [];
    let expiry: ReturnType<typeof setTimeout> | undefined;
    const held: { request?: Request } = { request };
    let controller!: ReadableStreamDefaultController<Uint8Array>;
    const close = () => {
      if (closed) return;
      closed = true;
      unsubscribe?.();
      for (const t of timers) clearInterval(t);
      clearTimeout(expiry);
      request.signal.removeEventListener("abort", close);
      held.request = undefined;
      try {
        controller.close();
      } catch {
        // Already closed.
      }
    };
    const write = (text: string) => {
      if (closed) return;
      try {
        controller.enqueue(encoder.encode(text));
      } catch {
        close();
        return;
      }
      if ((controller.desiredSize ?? 0) < -MAX_BUFFERED_BYTES) close();
    };
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        controller = c;
        if (request.signal.aborted) return close();
        request.signal.addEventListener("abort", close);
        write("retry: 5000\n\n");
        write(encode({ health: sweep.healthFor(hosts), lastRoundAt: sweep.lastRoundAt }));
        unsubscribe = sweep.subscribe((health: EndpointHealth[], lastRoundAt) => {
          const mine = health.filter((h) => hosts.has(h.host));
          if (mine.length > 0 || health.length === 0) write(encode({ health: mine, lastRoundAt }));
        });
        timers.push(
          setInterval(
            () => write(`: heartbeat ${new Date().toISOString()}\n\n`),
            options.heartbeatMs ?? FLEET_HEARTBEAT_MS,
          ),
          setInterval(lease, RENEW_MS),
        );
        const wait = Math.min(Math.max(caller.expiresOnTimestamp - Date.now(), 0), 2 ** 31 - 1);
        expiry = setTimeout(() => {
          write(
            `event: end\ndata: ${JSON.stringify({ reason: "token-expired", message: "The bearer token expired; reconnect with a new one." })}\n\n`,
          );
          close();
        }, wait);
      },
      cancel() {
        close();
      },
    });
    return new Response(body, { status: 200, headers: SSE_HEADERS });
  } catch (error) {
    return errorResponse(error);
  }
}
