import "server-only";
import { getFleetSettings, getServerConfig } from "@/lib/env";
import { HttpProber, parseConnectTo } from "../http-probe";
import { FleetSweep } from "./sweep";

interface Holder {
  key: string;
  sweep: FleetSweep;
  prober: HttpProber;
}

/**
 * Called with every shared sweep built (the embedded history and the metrics observe it); what
 * it returns is called when the hook is replaced.
 */
export type SharedSweepHook = (sweep: FleetSweep) => (() => void) | void;

// On globalThis so that Next.js dev reloads of this module keep one sweep.
const holder = globalThis as typeof globalThis & {
  __acrGeoFleetSweep?: Holder;
  __acrGeoFleetSweepHooks?: Map<string, { hook: SharedSweepHook; off?: (() => void) | void }>;
};

/**
 * Runs `hook` on the shared sweep now (if one is built) and on every sweep built later. One hook
 * per `name`: registering a name again replaces it (the old one's return is called).
 */
export function onSharedSweep(name: string, hook: SharedSweepHook): void {
  holder.__acrGeoFleetSweepHooks ??= new Map();
  holder.__acrGeoFleetSweepHooks.get(name)?.off?.();
  const current = holder.__acrGeoFleetSweep?.sweep;
  holder.__acrGeoFleetSweepHooks.set(name, { hook, off: current ? hook(current) : undefined });
}

/**
 * The process-wide fleet sweep shared by every viewer, built from the server configuration: an
 * HttpProber without keep-alive (each probe opens and closes its own connection, so a sweep of
 * 10,000 hosts holds no sockets between rounds), the emulator's data-plane address and CA when
 * configured, and the interval and concurrency of `FLEET_SWEEP_INTERVAL_MS` and
 * `FLEET_SWEEP_CONCURRENCY`.
 */
export function sharedFleetSweep(): FleetSweep {
  const config = getServerConfig();
  const settings = getFleetSettings();
  const key = JSON.stringify([config.dataPlaneAddress ?? null, config.caPem ?? null, settings]);
  if (holder.__acrGeoFleetSweep?.key !== key) {
    holder.__acrGeoFleetSweep?.sweep.stop();
    holder.__acrGeoFleetSweep?.prober.close();
    const prober = new HttpProber({
      keepAlive: false,
      timeoutMs: settings.sweepTimeoutMs,
      connectTo: config.dataPlaneAddress ? parseConnectTo(config.dataPlaneAddress) : undefined,
      ca: config.caPem,
    });
    const sweep = new FleetSweep({
      probe: (target, signal) => prober.probe(target.host, { signal }),
      intervalMs: settings.sweepIntervalMs,
      concurrency: settings.sweepConcurrency,
      timeoutMs: settings.sweepTimeoutMs + 1_000,
    });
    holder.__acrGeoFleetSweep = { key, sweep, prober };
    for (const entry of holder.__acrGeoFleetSweepHooks?.values() ?? [])
      entry.off = entry.hook(sweep);
  }
  return holder.__acrGeoFleetSweep.sweep;
}

/** Stops the process-wide sweep, if there is one (tests, shutdown). */
export function stopSharedFleetSweep(): void {
  holder.__acrGeoFleetSweep?.sweep.stop();
  holder.__acrGeoFleetSweep?.prober.close();
  holder.__acrGeoFleetSweep = undefined;
}
