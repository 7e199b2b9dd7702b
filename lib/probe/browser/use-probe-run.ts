"use client";
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from "react";
import { targetsKey } from "@/lib/probe/shared/targets";
import type { ProbeTarget } from "@/lib/probe/shared/types";
import { ProbeRun } from "./run";
import { openProbeStream } from "./stream";
import { throttledStore, type ThrottledStore } from "./throttle";
import { useApiClient } from "@/lib/queries/api-client-provider";

/**
 * How often the tables re-render at most while samples stream in: once a second, the shortest
 * probe interval, so each endpoint's row shows every sample of the fastest run; rendering
 * oftener would redraw the whole registry page (probes, replicas) for a fraction of the rows.
 */
export const PROBE_TABLE_REFRESH_MS = 1_000;

/**
 * How often the stream's body is read: what arrived meanwhile is handled as one chunk, so the
 * main thread wakes four times a second for the samples instead of once per sample. Well under
 * PROBE_TABLE_REFRESH_MS, so the tables and the chart show the same samples as before.
 */
export const PROBE_STREAM_READ_MS = 250;

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
  /**
   * The endpoints the page's own ARM read lists (the Endpoints table), and when ARM answered it.
   * When the stream probes other endpoints, it reconnects once per such answer, so that it
   * follows a switch change (or anyone's) as soon as the page has read it.
   */
  expected?: { targets: readonly ProbeTarget[]; readAt: number };
}

/**
 * A live run of the probe stream for one registry (or one region of it). The stream is open only
 * while the viewer has not paused and the tab is visible; every (re)connection resumes after the
 * last sample received, so a pause or a hidden tab leaves no duplicate and, where the server
 * kept them, no hole. Returns the run (mutable, for the chart), its ticks (a store whose snapshot
 * moves at most every PROBE_TABLE_REFRESH_MS) and their version (this component renders with it).
 */
export function useProbeRun(options: ProbeRunOptions) {
  const { registryId, region, intervalMs, paused, keepSamples, expected } = options;
  const api = useApiClient();
  const visible = usePageVisible();
  // A new run per registry and region: the table and chart start over.
  const run = useMemo(
    () => new ProbeRun({ keepSamples }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [registryId, region, keepSamples],
  );
  // One clock for every view of the run: the tables, the chart and the replicas' cells update
  // together, in one render and one frame.
  const ticks = useMemo(
    () => throttledStore((l) => run.subscribe(l), PROBE_TABLE_REFRESH_MS),
    [run],
  );
  const version = useProbeTicks(ticks);
  const streaming = Boolean(registryId) && !paused && visible;
  // Bumped by `retry` after a failure the user acted on (e.g. signed in again).
  const [attempt, setAttempt] = useState(0);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  // The stream's server takes its targets from ARM's answer to this same user in the last minute
  // (the page's own read, or the switch's), so a new connection gets what the page shows. Only
  // ARM's answers count: an optimistic value keeps its read time and restarts nothing.
  const expectedKey = expected ? targetsKey(expected.targets) : undefined;
  const streamKey = run.meta ? targetsKey(run.meta.targets) : undefined;
  const behindAt =
    expected && streamKey !== undefined && streamKey !== expectedKey ? expected.readAt : undefined;
  const [restartFor, setRestartFor] = useState<number>();
  if (behindAt !== undefined && behindAt !== restartFor) setRestartFor(behindAt);

  useEffect(() => {
    if (!registryId || !streaming) return;
    const handle = openProbeStream({
      registryId,
      region,
      intervalMs,
      getToken: () => api.token(),
      cursor: run.cursor,
      readEveryMs: PROBE_STREAM_READ_MS,
      onTargets: (meta, info) => run.setTargets(meta, info),
      onSample: (sample, id) => run.addSample(sample, id),
      onState: (state) => run.setState(state),
    });
    return () => {
      handle.close();
      run.setState({ state: "closed" });
    };
  }, [run, registryId, region, intervalMs, streaming, api, attempt, restartFor]);

  return { run, ticks, version, streaming, visible, retry };
}

/**
 * The run's version for a view that reads it: the view renders again when the run's ticks move
 * (at most every PROBE_TABLE_REFRESH_MS), and only it, not what lies around it.
 */
export function useProbeTicks(ticks: ThrottledStore): number {
  return useSyncExternalStore(ticks.subscribe, ticks.getSnapshot, ticks.getSnapshot);
}
