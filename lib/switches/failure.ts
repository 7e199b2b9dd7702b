import { changeFailureDetails, isStateUncertain } from "../change-failure";
import { changeAdvice, type ChangeAdviceContext } from "../error-advice";
import type { ErrorReport } from "../error-report";
import { ApiError } from "../errors";
import type { Registry, Replica } from "../types";

/** The change a user asked for, as a failure report names it. */
export interface AttemptedChange {
  /** E.g. "turn regional endpoints on", "turn global endpoint routing off for eastus". */
  label: string;
  /** "registry" or "replica": what ARM was asked to change. */
  target: ChangeAdviceContext["target"];
  /** The ARM action the change needs (shown for 403). */
  action: string;
}

/**
 * The line under the advice: the state ARM reports now (`state`, led by `lead`), or why it is
 * unknown.
 */
export type StateLine = { lead: string; state: string } | { unknown: string };

/** What the user sees where they acted. */
export interface SwitchFailureReport extends ErrorReport {
  /** For 429: when to try again (ISO time), if ARM said. */
  retryAt?: string;
  /** Whether the resource's state had to be read again to know whether the change happened. */
  stateUncertain: boolean;
  /** Absent when the change surely did not happen and the state has not been read since. */
  stateLine?: StateLine;
}

/** A resource's state as the page holds it: how it reads, and when ARM last answered for it. */
export interface HeldState {
  text: string;
  updatedAt: number;
}

/**
 * The state to show after a failed change, once it comes from a read made after the change was
 * submitted: the route's own re-read (`details.current`, which the mutation puts in the cache) or
 * a refetch that landed since. Undefined until then, so that the state from before the change is
 * never shown as what ARM reports now.
 */
export function stateAfterFailure(
  error: unknown,
  submittedAt: number,
  held: HeldState,
): string | undefined {
  const fresh = changeFailureDetails(error).current !== undefined || held.updatedAt >= submittedAt;
  return fresh ? held.text : undefined;
}

function stateLine(
  error: unknown,
  change: AttemptedChange,
  uncertain: boolean,
  stateNow: string | undefined,
): StateLine | undefined {
  if (stateNow) {
    const lead = uncertain ? "ARM reports now, on a fresh read: " : "ARM reports now: ";
    return { lead, state: stateNow };
  }
  if (!uncertain) return undefined;
  const reread = changeFailureDetails(error).rereadError;
  const why = reread ? ` (${reread.code}: ${reread.message})` : "";
  return {
    unknown: `The console could not read the ${change.target} again${why}, so its state is unknown: reload the page before trying again.`,
  };
}

/**
 * The failure of a switch, as the user reads it next to the switch: ARM's code, message and
 * request id, what to do, and the state ARM reports now. `stateNow` is that state when it was
 * read after the change (see `stateAfterFailure`); `now` turns a 429's Retry-After into a time.
 */
export function switchFailureReport(
  error: unknown,
  change: AttemptedChange,
  { stateNow, now = new Date() }: { stateNow?: string; now?: Date } = {},
): SwitchFailureReport {
  const title = `Could not ${change.label}`;
  const stateUncertain = isStateUncertain(error);
  const line = stateLine(error, change, stateUncertain, stateNow);
  const withState = line ? { stateLine: line } : {};
  if (!(error instanceof ApiError)) {
    return {
      title,
      code: "UnexpectedError",
      message: error instanceof Error ? error.message : String(error),
      status: 0,
      advice: changeAdvice(error, change),
      stateUncertain,
      ...withState,
    };
  }
  const seconds = changeFailureDetails(error).retryAfterSeconds;
  const retryAt =
    error.status === 429 && typeof seconds === "number"
      ? new Date(now.getTime() + seconds * 1000).toISOString()
      : undefined;
  return {
    title,
    code: error.code,
    message: error.message,
    status: error.status,
    requestId: error.requestId,
    advice: changeAdvice(error, change, retryAt),
    ...(retryAt ? { retryAt } : {}),
    stateUncertain,
    ...withState,
  };
}

/** "Regional endpoints: Enabled (provisioning state Succeeded)": a registry as ARM reports it. */
export function describeRegistryState(
  registry: Pick<Registry, "regionalEndpoints" | "provisioningState">,
): string {
  return `Regional endpoints: ${registry.regionalEndpoints} (provisioning state ${registry.provisioningState})`;
}

/** "Global endpoint routing for eastus: On (provisioning state Failed)": a replica as ARM reports it. */
export function describeReplicaState(
  replica: Pick<Replica, "region" | "globalEndpointRouting" | "provisioningState">,
): string {
  return `Global endpoint routing for ${replica.region}: ${replica.globalEndpointRouting ? "On" : "Off"} (provisioning state ${replica.provisioningState})`;
}
