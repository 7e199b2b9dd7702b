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

/** What the user sees where they acted. */
export interface SwitchFailureReport extends ErrorReport {
  /** For 429: when to try again (ISO time), if ARM said. */
  retryAt?: string;
  /** Whether the resource's state had to be read again to know whether the change happened. */
  stateUncertain: boolean;
}

/**
 * The failure of a switch, as the user reads it next to the switch: ARM's code, message and
 * request id, and what to do. `now` is used to turn a 429's Retry-After into a time.
 */
export function switchFailureReport(
  error: unknown,
  change: AttemptedChange,
  now: Date = new Date(),
): SwitchFailureReport {
  const title = `Could not ${change.label}`;
  if (!(error instanceof ApiError)) {
    return {
      title,
      code: "UnexpectedError",
      message: error instanceof Error ? error.message : String(error),
      status: 0,
      advice: changeAdvice(error, change),
      stateUncertain: isStateUncertain(error),
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
    stateUncertain: isStateUncertain(error),
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
