import "server-only";
import { getServerConfig, getSettings } from "@/lib/env";
import { parseConnectTo } from "./http-probe";
import { ProbeHub } from "./hub";

interface Holder {
  key: string;
  hub: ProbeHub;
}

/** Called with every shared hub built (metrics and history observe its samples). */
export type SharedHubHook = (hub: ProbeHub) => void;

// On globalThis so that Next.js dev reloads of this module keep one set of probe loops.
const holder = globalThis as typeof globalThis & {
  __acrGeoProbeHub?: Holder;
  __acrGeoProbeHubHooks?: Map<string, SharedHubHook>;
};

/**
 * Runs `hook` on the shared hub now (if one is built) and on every hub built later, e.g. after a
 * configuration change. One hook per `name`: registering a name again replaces it.
 */
export function onSharedHub(name: string, hook: SharedHubHook): void {
  holder.__acrGeoProbeHubHooks ??= new Map();
  const isNew = !holder.__acrGeoProbeHubHooks.has(name);
  holder.__acrGeoProbeHubHooks.set(name, hook);
  if (isNew && holder.__acrGeoProbeHub) hook(holder.__acrGeoProbeHub.hub);
}

/**
 * The process-wide probe hub the console's routes share, built from the server configuration:
 * against the emulator it connects every registry host to the emulator's data-plane address and
 * trusts its CA; against Azure it uses plain DNS and the public roots. It probes at most
 * `PROBE_HOSTS_TOTAL` endpoints at once (a new value applies to the running hub, whose probes go
 * on). Rebuilt (old loops stopped) when the connection configuration changes, e.g. the emulator
 * restarted on other ports.
 */
export function sharedProbeHub(): ProbeHub {
  const config = getServerConfig();
  const { hostsTotal } = getSettings();
  const key = JSON.stringify([config.dataPlaneAddress ?? null, config.caPem ?? null]);
  if (holder.__acrGeoProbeHub?.key !== key) {
    holder.__acrGeoProbeHub?.hub.close();
    const hub = new ProbeHub({
      connectTo: config.dataPlaneAddress ? parseConnectTo(config.dataPlaneAddress) : undefined,
      ca: config.caPem,
      // The same cap the stream's admission checks: past it a subscription is refused.
      maxEndpoints: hostsTotal,
    });
    holder.__acrGeoProbeHub = { key, hub };
    for (const hook of holder.__acrGeoProbeHubHooks?.values() ?? []) hook(hub);
  }
  const { hub } = holder.__acrGeoProbeHub;
  hub.capacity = hostsTotal;
  return hub;
}

/** Stops the shared hub's loops, if there is one (server shutdown); the next use builds a new one. */
export function closeSharedProbeHub(): void {
  holder.__acrGeoProbeHub?.hub.close();
  holder.__acrGeoProbeHub = undefined;
}
