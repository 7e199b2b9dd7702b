import "server-only";
import { createHash } from "node:crypto";
import type { Registry, RegistryRef } from "../types";
import type { ArmClients } from "./client";
import { getRegistry } from "./registries";

/**
 * Registry reads ARM answered in the last seconds, per caller token. The probe stream must know
 * that ARM lets the caller read a registry before it probes anything; the registry page has
 * just read that registry with the same token, so the stream reuses that answer instead of a
 * third ARM read per page view. Only successful reads are kept, for a short time, keyed by a hash
 * of the token (never the token itself): another token, or an older answer, means a new read.
 */

/**
 * How long an ARM answer stands in for a new read: the browser's freshness time for ARM data
 * (lib/queries), so a revisit that costs the page no ARM read costs its probe stream none either.
 * An open stream checks access again every 5 minutes (lib/probe/server/stream), a longer wait.
 */
export const RECENT_READ_MS = 60_000;
const MAX_ENTRIES = 1_000;

const reads = new Map<string, { registry: Registry; at: number }>();

function key(token: string, ref: RegistryRef): string {
  const who = createHash("sha256").update(token).digest("base64url");
  return `${who}|${ref.subscriptionId}|${ref.resourceGroup}|${ref.name}`.toLowerCase();
}

/** Records a registry ARM returned to this caller's token. */
export function rememberRegistryRead(token: string, registry: Registry, now = Date.now()): void {
  const k = key(token, registry);
  reads.delete(k);
  reads.set(k, { registry, at: now });
  // Maps keep insertion order: the first entries are the oldest.
  while (reads.size > MAX_ENTRIES) {
    const oldest = reads.keys().next().value;
    if (oldest === undefined) break;
    reads.delete(oldest);
  }
}

/** The registry ARM returned to this token within RECENT_READ_MS, if any. */
export function recentRegistryRead(
  token: string,
  ref: RegistryRef,
  now = Date.now(),
): Registry | undefined {
  const k = key(token, ref);
  const entry = reads.get(k);
  if (!entry) return undefined;
  if (now - entry.at > RECENT_READ_MS || now < entry.at) {
    reads.delete(k);
    return undefined;
  }
  return entry.registry;
}

/** Drops what this token read of a registry (ARM has since refused it). */
export function forgetRegistryRead(token: string, ref: RegistryRef): void {
  reads.delete(key(token, ref));
}

const inFlight = new Map<string, Promise<Registry>>();

/**
 * Runs `read` (an ARM read of the registry with this token) unless the same token is already
 * reading the same registry, in which case it waits for that read: many streams opened at once
 * by one caller cost one ARM read, not one each.
 */
export function sharedRegistryRead(
  token: string,
  ref: RegistryRef,
  read: () => Promise<Registry>,
): Promise<Registry> {
  const k = key(token, ref);
  const pending = inFlight.get(k);
  if (pending) return pending;
  const started = read().finally(() => inFlight.delete(k));
  inFlight.set(k, started);
  return started;
}

/**
 * A new ARM read of the registry with the caller's token, joined by any read of it by the same
 * token under way; the answer is remembered, and a refusal forgets what was remembered (ARM has
 * changed its mind: an older answer must not stand in any more).
 */
export function freshRegistryRead(
  arm: ArmClients,
  token: string,
  ref: RegistryRef,
): Promise<Registry> {
  return sharedRegistryRead(token, ref, async () => {
    try {
      const fresh = await getRegistry(arm, ref);
      rememberRegistryRead(token, fresh);
      return fresh;
    } catch (error) {
      forgetRegistryRead(token, ref);
      throw error;
    }
  });
}

/**
 * The registry as ARM shows it to this caller: the answer ARM gave the same token within
 * RECENT_READ_MS (the page's own read), else a fresh read. ARM's 403/404 propagate, so nothing of
 * a registry the caller cannot read is ever answered.
 */
export async function readRegistryForCaller(
  arm: ArmClients,
  token: string,
  ref: RegistryRef,
): Promise<Registry> {
  return recentRegistryRead(token, ref) ?? (await freshRegistryRead(arm, token, ref));
}
