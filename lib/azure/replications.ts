import "server-only";
import type { RegistryRef, Replica } from "../types";
import { registryArmPath } from "../arm-id";
import { armListAll } from "./arm-request";
import type { ArmReplication } from "./arm-types";
import { SDK_API_VERSION, type ArmClients } from "./client";
import { sortReplicas, toReplica } from "./map";

/**
 * The replicas of a registry, home first (one ARM read per page). `homeLocation` is the
 * registry's location, which the replication list itself does not carry.
 *
 * Read through the SDK's context rather than the typed pager: the typed pager replaces ARM's
 * error message with "Pagination failed with unexpected statusCode", losing what to tell the user.
 */
export async function listReplicas(
  clients: ArmClients,
  ref: RegistryRef,
  homeLocation: string,
): Promise<Replica[]> {
  const path = `${registryArmPath(ref)}/replications`;
  const items = await armListAll<ArmReplication>(clients, path, SDK_API_VERSION);
  return sortReplicas(items.map((item) => toReplica(item, homeLocation)));
}
