"use client";
import { useQueryClient } from "@tanstack/react-query";
import { createContext, useContext, useEffect, useMemo, type ReactNode } from "react";
import { replicaCoverage, type ReplicaCoverage } from "@/lib/probe/shared/coverage";
import { targetsFromRegistry } from "@/lib/probe/shared/targets";
import { replicaProbes, type ReplicaProbe } from "@/lib/probe/browser/replica-probes";
import { probeRows, type ProbeRow } from "@/lib/probe/browser/table";
import { useProbeRun } from "@/lib/probe/browser/use-probe-run";
import { registryKeys } from "@/lib/queries/inventory";
import type { Registry, Replica } from "@/lib/types";
import { useProbeSettings, type ProbeSettings } from "./live-probes-section";

/** The registry page's one probe run and what the page reads from it. */
export interface RegistryProbes {
  settings: ProbeSettings;
  probes: ReturnType<typeof useProbeRun>;
  /** The probes table's rows: exactly the endpoints the page's ARM read lists. */
  rows: ProbeRow[];
  /** What the probes cover of each replica (empty until the replicas are read). */
  coverage: ReplicaCoverage[];
  /** Each replica's probe state, by region. */
  byReplica: Map<string, ReplicaProbe>;
}

const RegistryProbesContext = createContext<RegistryProbes | null>(null);

/**
 * Runs the registry page's probe stream once for the whole page and hands its state to the parts
 * that show it (the probes panel, the Replicas table's probe column, the switch dialogs). It
 * re-renders at the stream's pace; `children` are the page's own elements, so only the parts
 * that read the context re-render with it.
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
  const settings = useProbeSettings();
  const targets = useMemo(() => (registry ? targetsFromRegistry(registry) : undefined), [registry]);
  const probes = useProbeRun({
    registryId: registry?.id,
    intervalMs: settings.intervalMs,
    paused: settings.paused,
    expected: targets ? { targets, readAt } : undefined,
  });
  const { run } = probes;
  // Rebuilt on every render: the provider renders when the run's version moves (at most every
  // PROBE_TABLE_REFRESH_MS) or the page's data changes.
  const rows = probeRows(run.endpoints.values(), targets);
  // The same array until the page's data changes: what reads only it stays as it is.
  const coverage = useMemo(
    () => (registry && replicas ? replicaCoverage(registry, replicas, targets) : []),
    [registry, replicas, targets],
  );
  const value = { settings, probes, rows, coverage, byReplica: replicaProbes(coverage, rows) };

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

/** The registry page's probe state; null outside a RegistryProbesProvider. */
export function useRegistryProbes(): RegistryProbes | null {
  return useContext(RegistryProbesContext);
}
