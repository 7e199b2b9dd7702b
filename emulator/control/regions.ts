import type { Store } from "../contracts";
import { findRegion } from "../store/finders";
import type { RegionState } from "../store/types";

const FORCED = [403, 429, 503] as const;
const MAX_LATENCY_MS = 60_000;

function bad(message: string) {
  return { status: 400, body: { error: { code: "InvalidRequest", message } } };
}

/**
 * `POST /_emulator/regions/<region>` with `{ latencyMs?, down?, status? }`: the injected RTT of
 * the region's data plane, whether its connections are refused, and a status (403, 429, 503) every
 * answer of the region is forced to (`null` clears it). Answers the region's new settings.
 */
export function handleRegions(
  store: Store,
  region: string,
  body: unknown,
): { status: number; body: unknown } {
  const current = findRegion(store.state, region.toLowerCase());
  if (!current) {
    return {
      status: 404,
      body: { error: { code: "NotFound", message: `Region '${region}' is not emulated.` } },
    };
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return bad("The body must be a JSON object.");
  }
  const b = body as Record<string, unknown>;
  const unknown = Object.keys(b).filter((k) => !["latencyMs", "down", "status"].includes(k));
  if (unknown.length > 0) return bad(`Unknown field(s): ${unknown.join(", ")}.`);
  const latency = b.latencyMs;
  if (
    latency !== undefined &&
    (typeof latency !== "number" ||
      !Number.isFinite(latency) ||
      latency < 0 ||
      latency > MAX_LATENCY_MS)
  ) {
    return bad(`'latencyMs' must be a number from 0 to ${MAX_LATENCY_MS}.`);
  }
  if (b.down !== undefined && typeof b.down !== "boolean") return bad("'down' must be a boolean.");
  if (
    b.status !== undefined &&
    b.status !== null &&
    !FORCED.includes(b.status as (typeof FORCED)[number])
  ) {
    return bad("'status' must be 403, 429, 503 or null.");
  }
  const next: RegionState = {
    latencyMs: typeof latency === "number" ? latency : current.latencyMs,
    down: typeof b.down === "boolean" ? b.down : current.down,
    status: b.status === undefined ? current.status : (b.status as RegionState["status"]),
  };
  Object.assign(current, next);
  store.save();
  return { status: 200, body: { region: region.toLowerCase(), ...next } };
}
