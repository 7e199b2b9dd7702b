import "server-only";
import { createHash } from "node:crypto";
import { Observations } from "@/lib/azure/fleet/observations";
import type { FleetRegistry } from "@/lib/fleet/shared/types";

/**
 * What the fleet view keeps in the server process between requests: when each condition was
 * first seen (shared by every viewer), and each caller's last fleet reading (by a hash of the
 * token, never the token) so the sweep stream knows the caller's endpoints without reading again.
 */

/** How long a caller's last reading stands in for a new one when the stream connects. */
export const LAST_READING_MS = 5 * 60_000;
const MAX_READINGS = 500;

interface Held {
  observations: Observations;
  readings: Map<string, { registries: FleetRegistry[]; at: number }>;
}

const holder = globalThis as typeof globalThis & { __acrGeoFleetState?: Held };

function held(): Held {
  holder.__acrGeoFleetState ??= { observations: new Observations(), readings: new Map() };
  return holder.__acrGeoFleetState;
}

export function observations(): Observations {
  return held().observations;
}

/** The key of a caller in server memory: a hash of the token. */
export function callerKey(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}

export function rememberReading(
  token: string,
  registries: FleetRegistry[],
  now = Date.now(),
): void {
  const readings = held().readings;
  const key = callerKey(token);
  readings.delete(key);
  readings.set(key, { registries, at: now });
  while (readings.size > MAX_READINGS) readings.delete(readings.keys().next().value!);
}

export function lastReading(token: string, now = Date.now()): FleetRegistry[] | undefined {
  const entry = held().readings.get(callerKey(token));
  return entry && now - entry.at <= LAST_READING_MS && entry.at <= now
    ? entry.registries
    : undefined;
}
