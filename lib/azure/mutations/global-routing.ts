import "server-only";
import type { RegistryRef, Replica } from "../../types";
import { replicationArmPath } from "../../arm-id";
import { armGet } from "../arm-request";
import type { ArmReplication } from "../arm-types";
import { SDK_API_VERSION, type ArmClients } from "../client";
import { getRegistry } from "../registries";
import { toReplica } from "../map";
import { changeError, withFreshState } from "./operation-error";
import { pathOf, withRecordedResponses, type RecordedResponse } from "./recorder";

/** Where a replication lives: its registry and its name (ACR names a replication after its region). */
export interface ReplicationRef extends RegistryRef {
  replicationName: string;
}

function replicationPath(ref: ReplicationRef): string {
  return replicationArmPath(ref, ref.replicationName);
}

/** One replica (one ARM read). `homeLocation` marks the home replica. */
export async function getReplica(
  clients: ArmClients,
  ref: ReplicationRef,
  homeLocation: string,
): Promise<Replica> {
  const arm = await armGet<ArmReplication>(clients, replicationPath(ref), SDK_API_VERSION);
  return toReplica(arm, homeLocation);
}

/**
 * The replication as the SDK's poller read it after the operation ended (the `Azure-AsyncOperation`
 * shape ends with a GET of the resource): that answer is already a fresh read.
 */
function finalRead(
  responses: readonly RecordedResponse[],
  path: string,
): ArmReplication | undefined {
  const lastIndex = responses.length - 1;
  const last = responses[lastIndex];
  const writeIndex = responses.findLastIndex((r) => r.method === "PATCH");
  if (
    last &&
    lastIndex > writeIndex &&
    last.method === "GET" &&
    last.status === 200 &&
    pathOf(last.url) === path.toLowerCase() &&
    typeof last.body === "object" &&
    last.body !== null
  ) {
    return last.body as ArmReplication;
  }
  return undefined;
}

/**
 * Turns global endpoint routing of one replica on or off: the typed SDK's `replications.update`
 * with `regionEndpointEnabled`, its poller to the end, then the replica as ARM returns it on a
 * fresh read. ARM calls: one PATCH, its status polls, one GET of the replication (the poller's own
 * final GET when ARM answered with `Azure-AsyncOperation`, otherwise one made here).
 *
 * `homeLocation` (the registry's location) marks the home replica; without it the registry is read
 * first. On failure the ApiError carries ARM's code, message and request id; when the write may
 * have happened, `details.current` is the replica as a fresh read returned it.
 */
export async function setGlobalEndpointRouting(
  clients: ArmClients,
  ref: ReplicationRef,
  enabled: boolean,
  homeLocation?: string,
): Promise<Replica> {
  const home = homeLocation ?? (await getRegistry(clients, ref)).location;
  const client = clients.typed(ref.subscriptionId);
  const path = replicationPath(ref);
  let arm: ArmReplication | undefined;
  try {
    arm = await withRecordedResponses(client.pipeline, async (responses) => {
      try {
        await client.replications.update(ref.resourceGroup, ref.name, ref.replicationName, {
          regionEndpointEnabled: enabled,
        });
      } catch (error) {
        throw changeError(error, responses, path);
      }
      return finalRead(responses, path);
    });
  } catch (error) {
    throw await withFreshState(error, () => getReplica(clients, ref, home));
  }
  return arm ? toReplica(arm, home) : getReplica(clients, ref, home);
}
