import type { Store } from "../contracts";
import { findRegion } from "../store/finders";
import type { VantageTable } from "../vantages";

const MAX_RTT_MS = 60_000;

function bad(message: string) {
  return { status: 400, body: { error: { code: "InvalidRequest", message } } };
}

/** What `GET /_emulator/vantages` lists: each vantage, its data-plane address and RTT matrix. */
export function listVantages(vantages: VantageTable, addresses: Map<string, string>) {
  return vantages.names().map((name) => ({
    name,
    dataPlaneAddress: addresses.get(name) ?? null,
    rttMs: vantages.matrix(name),
  }));
}

/**
 * `POST /_emulator/vantages/<name>` with `{ "rttMs": { "<region>": <ms>, ... } }`: sets the round
 * trips from that vantage to the regions named (the others keep theirs). New connections from the
 * vantage use them at once, and so does its routing of global names (nearest replica first).
 * Answers the vantage's whole matrix.
 */
export function handleVantage(
  store: Store,
  vantages: VantageTable,
  name: string,
  body: unknown,
): { status: number; body: unknown } {
  const vantage = name.toLowerCase();
  if (!vantages.has(vantage)) {
    return {
      status: 404,
      body: {
        error: {
          code: "NotFound",
          message: `No vantage '${name}'; the emulator serves ${vantages.names().join(", ") || "none"} (EMULATOR_VANTAGES).`,
        },
      },
    };
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return bad("The body must be a JSON object.");
  }
  const b = body as Record<string, unknown>;
  const unknown = Object.keys(b).filter((k) => k !== "rttMs");
  if (unknown.length > 0) return bad(`Unknown field(s): ${unknown.join(", ")}.`);
  const rtt = b.rttMs;
  if (typeof rtt !== "object" || rtt === null || Array.isArray(rtt)) {
    return bad("'rttMs' must be an object of region names to milliseconds.");
  }
  const next: Record<string, number> = {};
  for (const [region, ms] of Object.entries(rtt as Record<string, unknown>)) {
    if (!findRegion(store.state, region.toLowerCase())) {
      return bad(`'rttMs.${region}': the region is not emulated.`);
    }
    if (typeof ms !== "number" || !Number.isFinite(ms) || ms < 0 || ms > MAX_RTT_MS) {
      return bad(`'rttMs.${region}' must be a number from 0 to ${MAX_RTT_MS}.`);
    }
    next[region.toLowerCase()] = ms;
  }
  return { status: 200, body: { name: vantage, rttMs: vantages.set(vantage, next) } };
}
