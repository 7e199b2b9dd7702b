"use client";
import { useMutationState, useQueryClient } from "@tanstack/react-query";
import type { RegistryRef, Replica } from "@/lib/types";
import { globalRoutingMutationKeys, type RoutingChange } from "./global-routing";
import { useSwitchPermissions } from "./permissions";
import { useReplicas } from "./replicas";

/** A routing change of one replica as the mutation cache holds it (wherever it was started). */
export interface RoutingChangeState {
  mutationId: number;
  status: "idle" | "pending" | "success" | "error";
  error: Error | null;
  change: RoutingChange | undefined;
  submittedAt: number;
}

/** Whether the user may change replicas, and the ARM action that takes (ARM's permissions call). */
export interface RoutingPermission {
  canWrite: boolean;
  action: string;
}

/** Everything the Replicas table's routing switches and failure rows show, read once for all rows. */
export interface ReplicaRouting {
  /** The replicas as ARM lists them, each change still running applied (see `withPendingRouting`). */
  replicas: Replica[];
  /** Changes still running, started from any row. */
  pending: RoutingChange[];
  /** Undefined until ARM's permissions answer is there, or when it could not be read. */
  permission?: RoutingPermission;
  permissionPending: boolean;
  /** When ARM last answered the replica list (ms since the epoch). */
  listUpdatedAt: number;
  /** The last change of a replica (by name) until it is dismissed or the next one starts. */
  lastChange: (name: string) => RoutingChangeState | undefined;
  dismiss: (name: string) => void;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * The replicas with each change still running counted as done, whatever a poll of the list has
 * shown since: the guards must count a replica being excluded as excluded.
 */
export function withPendingRouting(replicas: Replica[], pending: RoutingChange[]): Replica[] {
  return replicas.map((replica) => {
    const change = pending.findLast((p) => same(p.name, replica.name));
    return change ? { ...replica, globalEndpointRouting: change.on } : replica;
  });
}

/**
 * One read of the list, the permissions and the routing changes for a registry's Replicas table,
 * so that rows take what they show as props instead of each reading the caches.
 */
export function useReplicaRouting(ref: RegistryRef, location: string): ReplicaRouting {
  const qc = useQueryClient();
  const list = useReplicas(ref, location);
  const permissions = useSwitchPermissions(ref);
  const changes = useMutationState({
    filters: { mutationKey: globalRoutingMutationKeys.all(ref) },
    select: (mutation): RoutingChangeState => ({
      mutationId: mutation.mutationId,
      status: mutation.state.status,
      error: mutation.state.error,
      change: mutation.state.variables as RoutingChange | undefined,
      submittedAt: mutation.state.submittedAt,
    }),
  });
  const pending = changes.flatMap((c) => (c.status === "pending" && c.change ? [c.change] : []));
  const lastChange = (name: string) =>
    changes.findLast((c) => c.change && same(c.change.name, name));
  return {
    replicas: withPendingRouting(list.data ?? [], pending),
    pending,
    permission: permissions.data
      ? {
          canWrite: permissions.data.canWriteReplications,
          action: permissions.data.actions.globalEndpointRouting,
        }
      : undefined,
    permissionPending: permissions.isPending,
    listUpdatedAt: list.dataUpdatedAt,
    lastChange,
    dismiss: (name) => {
      const last = lastChange(name);
      const cache = qc.getMutationCache();
      const mutation = cache.getAll().find((m) => m.mutationId === last?.mutationId);
      if (mutation) cache.remove(mutation);
    },
  };
}
