import type { EmulatorState, RegistryState, TagState } from "../store/types";
import { findRepository, replicationsOf } from "../store/finders";

/**
 * Eventually consistent replication: a push lands on one replica now and on the others at a
 * persisted `arrivesAt`. Pending arrivals are applied when the tag is read, so no timer has to
 * survive a restart and a restart does not make them arrive early or late.
 */

const DEFAULT_MEDIA_TYPE = "application/vnd.oci.image.manifest.v1+json";

/** Moves arrived pushes into `digests`; returns true if anything changed (caller saves). */
export function settle(tag: TagState, now = Date.now()): boolean {
  if (!tag.pending) return false;
  let changed = false;
  for (const [region, push] of Object.entries(tag.pending)) {
    if (Date.parse(push.arrivesAt) <= now) {
      tag.digests[region] = push.digest;
      delete tag.pending[region];
      changed = true;
    }
  }
  if (changed && Object.keys(tag.pending).length === 0) delete tag.pending;
  return changed;
}

export interface PushResult {
  digest: string;
  /** When each other replica receives it. */
  arrivesAt: Record<string, string>;
}

/**
 * Pushes `digest` for `repository:tag` to the replica in `region`. The newest push wins: a direct
 * push cancels an older one still on its way to that region.
 */
export function pushDigest(
  state: EmulatorState,
  registry: RegistryState,
  input: { repository: string; tag: string; region: string; digest: string; mediaType?: string },
  lagMs: number,
  now = Date.now(),
): PushResult {
  let repository = findRepository(state, registry, input.repository);
  if (!repository) {
    repository = {
      subscriptionId: registry.subscriptionId,
      resourceGroup: registry.resourceGroup,
      registryName: registry.name,
      name: input.repository,
      tags: {},
    };
    state.repositories.push(repository);
  }
  const tag = (repository.tags[input.tag] ??= {
    digests: {},
    mediaType: input.mediaType ?? DEFAULT_MEDIA_TYPE,
  });
  settle(tag, now);
  tag.digests[input.region] = input.digest;
  const pending = tag.pending ?? {};
  delete pending[input.region];
  const arrivesAt: Record<string, string> = {};
  const at = new Date(now + lagMs).toISOString();
  for (const replica of replicationsOf(state, registry)) {
    if (replica.region === input.region) continue;
    pending[replica.region] = { digest: input.digest, arrivesAt: at };
    arrivesAt[replica.region] = at;
  }
  if (Object.keys(pending).length > 0) tag.pending = pending;
  else delete tag.pending;
  settle(tag, now);
  return { digest: input.digest, arrivesAt };
}
