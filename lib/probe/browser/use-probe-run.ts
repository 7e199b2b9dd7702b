"use client";
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from "react";
import { ProbeRun } from "./run";
import { openProbeStream } from "./stream";
import { throttledStore } from "./throttle";
import { useApiClient } from "@/lib/queries/api-client-provider";

/** How often the tables re-render at most while samples stream in. */
export const PROBE_TABLE_REFRESH_MS = 250;

function subscribeVisibility(listener: () => void) {
  document.addEventListener("visibilitychange", listener);
  return () => document.removeEventListener("visibilitychange", listener);
}

/** Whether the page is visible (true on the server, where there is no document). */
export function usePageVisible(): boolean {
  return useSyncExternalStore(
    subscribeVisibility,
    () => document.visibilityState !== "hidden",
    () => true,
  );
}

export interface ProbeRunOptions {
  /** The registry's ARM id (from the registry GET); nothing streams until it is known. */
  registryId?: string;
  /** Only this region's endpoints (the pinned view). */
  region?: string;
  intervalMs: number;
  /** This viewer's pause: closes its stream; other viewers' probing goes on. */
  paused: boolean;
  /** Keep every sample of the run (up to this many), for the pinned view's list and export. */
  keepSamples?: number;
}

/**
 * A live run of the probe stream for one registry (or one region of it). The stream is open only
 * while the viewer has not paused and the tab is visible; every (re)connection resumes after the
 * last sample received, so a pause or a hidden tab leaves no duplicate and, where the server
 * kept them, no hole. Returns the run (mutable, for the chart) and a version that changes at
 * most every PROBE_TABLE_REFRESH_MS (for tables).
 */
export function useProbeRun(options: ProbeRunOptions) {
  const { registryId, region, intervalMs, paused, keepSamples } = options;
  const api = useApiClient();
  const visible = usePageVisible();
  // A new run per registry and region: the table and chart start over.
  const run = useMemo(
    () => new ProbeRun({ keepSamples }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [registryId, region, keepSamples],
  );
  const store = useMemo(
    () => throttledStore((l) => run.subscribe(l), PROBE_TABLE_REFRESH_MS),
    [run],
  );
  const version = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
  const streaming = Boolean(registryId) && !paused && visible;
  // Bumped by `retry` after a failure the user acted on (e.g. signed in again).
  const [attempt, setAttempt] = useState(0);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  useEffect(() => {
    if (!registryId || !streaming) return;
    const handle = openProbeStream({
      registryId,
      region,
      intervalMs,
      getToken: () => api.token(),
      cursor: run.cursor,
      onTargets: (meta) => run.setTargets(meta),
      onSample: (sample, id) => run.addSample(sample, id),
      onState: (state) => run.setState(state),
    });
    return () => {
      handle.close();
      run.setState({ state: "closed" });
    };
  }, [run, registryId, region, intervalMs, streaming, api, attempt]);

  return { run, version, streaming, visible, retry };
}
