import "server-only";
import { randomBytes } from "node:crypto";
import type { ProbeHub, ProbeSample, Verdict } from "@/lib/probe/server";

const epochs = new WeakMap<ProbeHub, string>();

/**
 * The epoch of a hub: part of every event id, so that a cursor from before a restart (or from a
 * hub rebuilt on a new configuration, where `seq` starts over) is recognised and not trusted.
 */
export function hubEpoch(hub: ProbeHub): string {
  let epoch = epochs.get(hub);
  if (!epoch) {
    epoch = randomBytes(6).toString("hex");
    epochs.set(hub, epoch);
  }
  return epoch;
}

const votes = new WeakMap<ProbeHub, Map<string, Map<symbol, number>>>();

/**
 * Registers a viewer's interval for a group (a registry). The group's shared loop runs at the
 * smallest interval its current viewers ask for, so no viewer slows another down; each stream
 * then thins the samples to its own viewer's interval (see `thinning`). Returns the function that
 * withdraws the vote; the loop then follows the remaining viewers (or keeps its pace while it
 * lingers with none).
 */
export function voteInterval(hub: ProbeHub, group: string, intervalMs: number): () => void {
  let byGroup = votes.get(hub);
  if (!byGroup) {
    byGroup = new Map();
    votes.set(hub, byGroup);
  }
  const groupVotes = byGroup.get(group) ?? new Map<symbol, number>();
  byGroup.set(group, groupVotes);
  const key = Symbol("viewer");
  groupVotes.set(key, intervalMs);
  apply(hub, group, groupVotes);
  return () => {
    if (!groupVotes.delete(key)) return;
    if (groupVotes.size === 0) byGroup.delete(group);
    else apply(hub, group, groupVotes);
  };
}

function apply(hub: ProbeHub, group: string, groupVotes: Map<symbol, number>) {
  const fastest = Math.min(...groupVotes.values());
  if (hub.intervalOf(group) !== fastest) hub.setInterval(group, fastest);
}

/**
 * A per-viewer filter over a shared loop's samples: passes a host's sample when at least the
 * viewer's interval (less a tenth of it, for timer jitter) has gone by since the last one it
 * passed for that host, and always when the verdict changed, so a failure is never held back.
 */
export function thinning(intervalMs: number): (sample: ProbeSample) => boolean {
  const last = new Map<string, { at: number; verdict: Verdict }>();
  const minGap = intervalMs * 0.9;
  return (sample) => {
    const at = Date.parse(sample.at);
    const previous = last.get(sample.host);
    if (!previous) {
      last.set(sample.host, { at, verdict: sample.verdict });
      return true;
    }
    if (previous.verdict === sample.verdict && Math.abs(at - previous.at) < minGap) return false;
    previous.at = at;
    previous.verdict = sample.verdict;
    return true;
  };
}
