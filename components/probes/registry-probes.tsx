"use client";
import { useQueryClient } from "@tanstack/react-query";
import {
  createContext,
  useContext,
  useEffect,
  useMemo,
  useSyncExternalStore,
  type ReactNode,
} from "react";
import { replicaCoverage, type ReplicaCoverage } from "@/lib/probe/shared/coverage";
import { targetsFromRegistry } from "@/lib/probe/shared/targets";
import type { ProbeTarget } from "@/lib/probe/shared/types";
import type { ProbeRun } from "@/lib/probe/browser/run";
import type { ThrottledStore } from "@/lib/probe/browser/throttle";
import { replicaProbes, type ReplicaProbe } from "@/lib/probe/browser/replica-probes";
import { probeRows, type ProbeRow } from "@/lib/probe/browser/table";
import { useProbeRun } from "@/lib/probe/browser/use-probe-run";
import { registryKeys } from "@/lib/queries/inventory";
import type { Registry, Replica } from "@/lib/types";
import { useProbeSettings, type ProbeSettings } from "./live-probes-section";

/** What the page's probes show now: rebuilt when the run's ticks move or the page's data changes. */
export interface RegistryProbeState {
  /** The probes table's rows: exactly the endpoints the page's ARM read lists. */
  rows: ProbeRow[];
  /** What the probes cover of each replica (empty until the replicas are read). */
  coverage: ReplicaCoverage[];
  /** Each replica's probe state, by region. */
  byReplica: Map<string, ReplicaProbe>;
}

/** The registry page's one probe run: its settings, the run, and its state as a store. */
export interface RegistryProbes {
  settings: ProbeSettings;
  probes: Pick<ReturnType<typeof useProbeRun>, "run" | "ticks" | "streaming" | "visible" | "retry">;
  /** The state now; changes with the run's ticks (read it through `useRegistryProbeState`). */
  state: { subscribe: (listener: () => void) => () => void; getSnapshot: () => RegistryProbeState };
}

const RegistryProbesContext = createContext<RegistryProbes | null>(null);

/**
 * The run's state for the page's data, built at most once per tick of the run, whoever asks:
 * the probes panel and every replica's cell read the same rows.
 */
function probeStateStore(
  run: ProbeRun,
  ticks: ThrottledStore,
  targets: readonly ProbeTarget[] | undefined,
  coverage: ReplicaCoverage[],
): RegistryProbes["state"] {
  let builtAt: number | undefined;
  let state: RegistryProbeState | undefined;
  return {
    subscribe: ticks.subscribe,
    getSnapshot() {
      const tick = ticks.getSnapshot();
      if (state === undefined || builtAt !== tick) {
        const rows = probeRows(run.endpoints.values(), targets);
        state = { rows, coverage, byReplica: replicaProbes(coverage, rows) };
        builtAt = tick;
      }
      return state;
    },
  };
}

/**
 * Runs the registry page's probe stream once for the whole page and hands its state to the parts
 * that show it (the probes panel, the Replicas table's probe column, the switch dialogs). The
 * context's value stays the same while samples stream in: the parts that show them subscribe to
 * the run's ticks (`useRegistryProbeState`) and only they render again, not the page around them.
 */
export function RegistryProbesProvider({
  registry,
  readAt,
  replicas,
  children,
}: {
  registry?: Registry;
  /** When ARM answered the page's registry read (the query's `dataUpdatedAt`). */
  readAt: number;
  replicas?: Replica[];
  children: ReactNode;
}) {
  const qc = useQueryClient();
  const { paused, setPaused, intervalMs, setIntervalMs } = useProbeSettings();
  const targets = useMemo(() => (registry ? targetsFromRegistry(registry) : undefined), [registry]);
  const { run, ticks, streaming, visible, retry } = useProbeRun({
    registryId: registry?.id,
    intervalMs,
    paused,
    expected: targets ? { targets, readAt } : undefined,
  });
  // The same array until the page's data changes: what reads only it stays as it is.
  const coverage = useMemo(
    () => (registry && replicas ? replicaCoverage(registry, replicas, targets) : []),
    [registry, replicas, targets],
  );
  const state = useMemo(
    () => probeStateStore(run, ticks, targets, coverage),
    [run, ticks, targets, coverage],
  );
  const value = useMemo(
    () => ({
      settings: { paused, setPaused, intervalMs, setIntervalMs },
      probes: { run, ticks, streaming, visible, retry },
      state,
    }),
    [paused, setPaused, intervalMs, setIntervalMs, run, ticks, streaming, visible, retry, state],
  );

  // The stream's own re-read of ARM found other endpoints than the page shows (someone changed
  // them): read the registry again, so the Endpoints table and the probes follow together.
  const armChangedAt = run.armChangedAt;
  const [subscriptionId, resourceGroup, name] = [
    registry?.subscriptionId,
    registry?.resourceGroup,
    registry?.name,
  ];
  useEffect(() => {
    if (!armChangedAt || !subscriptionId || !resourceGroup || !name) return;
    void qc.invalidateQueries({
      queryKey: registryKeys.detail({ subscriptionId, resourceGroup, name }),
      exact: true,
    });
  }, [armChangedAt, subscriptionId, resourceGroup, name, qc]);

  return <RegistryProbesContext value={value}>{children}</RegistryProbesContext>;
}

/** The registry page's probe run; null outside a RegistryProbesProvider. */
export function useRegistryProbes(): RegistryProbes | null {
  return useContext(RegistryProbesContext);
}

const NO_STATE = {
  subscribe: () => () => undefined,
  getSnapshot: () => undefined,
};

/**
 * The registry page's probe state, and the component that reads it renders again with every
 * tick of the run; undefined outside a RegistryProbesProvider.
 */
export function useRegistryProbeState(): RegistryProbeState | undefined {
  const store = useContext(RegistryProbesContext)?.state ?? NO_STATE;
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}
