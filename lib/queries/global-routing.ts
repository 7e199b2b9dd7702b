"use client";
import { useMutation, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { changeFailureDetails } from "@/lib/change-failure";
import type { RegistryRef, Replica } from "@/lib/types";
import { apiClientOf, type ApiClient } from "./api";
import { replicationApiUrl } from "@/lib/arm-id";
import { replicaKeys } from "./replicas";

/** A change of one replica's global endpoint routing. */
export interface RoutingChange {
  /** The replication's name (ACR names it after its region). */
  name: string;
  region: string;
  on: boolean;
}

export const globalRoutingMutationKeys = {
  all: (ref: RegistryRef) => [...replicaKeys.list(ref), "change", "globalEndpointRouting"] as const,
  one: (ref: RegistryRef, name: string) =>
    [...globalRoutingMutationKeys.all(ref), name.toLowerCase()] as const,
};

/** PATCH one replica's global endpoint routing; resolves with the replica ARM returns afterwards. */
export async function patchGlobalRouting(
  api: ApiClient,
  ref: RegistryRef,
  change: RoutingChange,
  location: string | undefined,
) {
  const query = location ? `?${new URLSearchParams({ location }).toString()}` : "";
  return api.patch<Replica>(`${replicationApiUrl(ref, change.name)}${query}`, {
    globalEndpointRouting: change.on,
  });
}

/** Replaces one replica in the cached list (by name), leaving the others as they are. */
function updateReplica(
  qc: QueryClient,
  ref: RegistryRef,
  name: string,
  update: (replica: Replica) => Replica,
  options: { fromArm: boolean },
) {
  const key = replicaKeys.list(ref);
  // Only values ARM returned move the list's "refreshed" time; optimistic ones keep it.
  const updatedAt = options.fromArm ? undefined : qc.getQueryState(key)?.dataUpdatedAt;
  qc.setQueryData<Replica[]>(
    key,
    (list) => list?.map((r) => (r.name.toLowerCase() === name.toLowerCase() ? update(r) : r)),
    { updatedAt },
  );
}

interface Snapshot {
  previous?: Replica;
}

/**
 * One replica's global endpoint routing switch: optimistic, with only that replica rolled back on
 * failure (another replica's change may be running at the same time), and its state after settle
 * taken from a fresh ARM read: the route's answer, the route's re-read after a failure, or a
 * refetch of the list when neither is there (a dropped connection).
 */
export function useGlobalRoutingMutation(ref: RegistryRef, name: string, location?: string) {
  const qc = useQueryClient();
  return useMutation<Replica, Error, RoutingChange, Snapshot>({
    mutationKey: globalRoutingMutationKeys.one(ref, name),
    mutationFn: (change, { client }) =>
      patchGlobalRouting(apiClientOf(client), ref, change, location),
    onMutate: async (change) => {
      // A poll landing now would overwrite the optimistic value with the old one.
      await qc.cancelQueries({ queryKey: replicaKeys.list(ref), exact: true });
      const previous = qc
        .getQueryData<Replica[]>(replicaKeys.list(ref))
        ?.find((r) => r.name.toLowerCase() === change.name.toLowerCase());
      updateReplica(
        qc,
        ref,
        change.name,
        (r) => ({ ...r, globalEndpointRouting: change.on, provisioningState: "Updating" }),
        { fromArm: false },
      );
      return { previous };
    },
    onSuccess: (replica, change) => {
      updateReplica(qc, ref, change.name, () => replica, { fromArm: true });
    },
    onError: async (error, change, snapshot) => {
      const previous = snapshot?.previous;
      if (previous) updateReplica(qc, ref, change.name, () => previous, { fromArm: false });
      const current = changeFailureDetails(error).current as Replica | undefined;
      if (current) updateReplica(qc, ref, change.name, () => current, { fromArm: true });
      else await qc.invalidateQueries({ queryKey: replicaKeys.list(ref), exact: true });
    },
  });
}
