import { WRITE_ROLE } from "../arm-constants";
import { changeFailureDetails, isStateUncertain } from "../change-failure";
import { ApiError } from "../errors";
import type { Registry, Replica } from "../types";

/** The change a user asked for, as a failure report names it. */
export interface AttemptedChange {
  /** E.g. "turn regional endpoints on", "turn global endpoint routing off for eastus". */
  label: string;
  /** "registry" or "replica": what ARM was asked to change. */
  target: "registry" | "replica";
  /** The ARM action the change needs (shown for 403). */
  action: string;
}

/** What the user sees where they acted. */
export interface SwitchFailureReport {
  title: string;
  code: string;
  message: string;
  status: number;
  requestId?: string;
  advice: string;
  /** For 429: when to try again (ISO time), if ARM said. */
  retryAt?: string;
  /** Whether the resource's state had to be read again to know whether the change happened. */
  stateUncertain: boolean;
}

function adviceFor(error: ApiError, change: AttemptedChange, retryAt?: string): string {
  const { status } = error;
  const outcome = changeFailureDetails(error).operationStatus;
  if (outcome === "Failed") {
    return `ARM accepted the change but its operation ended Failed. The state below is what ARM reports now, whether or not the change was kept. Try again; if it fails again, give the request id to Azure support.`;
  }
  if (outcome === "Canceled") {
    return `ARM accepted the change but its operation was canceled before it finished. The state below is what ARM reports now; try again if it is not what you wanted.`;
  }
  if (status === 403) {
    return `Your account lacks ${change.action} on this registry, so ARM refused the change. Ask an owner for the ${WRITE_ROLE} role (or Owner) on the registry, its resource group or subscription; if it was granted just now, sign out and in again.`;
  }
  if (status === 409) {
    return `Another operation is already running on this ${change.target}, so ARM did not apply this one. Wait until its provisioning state is no longer Updating, then try again.`;
  }
  if (status === 429) {
    return retryAt
      ? `ARM is throttling requests from your account, and the console's own retries are used up. Try again after ${retryAt.slice(11, 19)} UTC.`
      : "ARM is throttling requests from your account, and the console's own retries are used up. Wait a minute, then try again.";
  }
  if (status === 0 || status >= 500) {
    const what =
      status === 0
        ? "The connection to the console's server was lost"
        : error.code === "ArmUnreachable"
          ? "Azure Resource Manager could not be reached"
          : `Azure Resource Manager failed (HTTP ${status})`;
    return `${what}, so the change may or may not have been applied. The state below is what ARM reports on a fresh read; if it is not what you asked for, try again in a minute.`;
  }
  if (status === 401) return "Your sign-in is no longer accepted. Sign in again, then retry.";
  if (status === 404) {
    return `ARM no longer has this ${change.target}: it may have been deleted. Reload the page.`;
  }
  if (status === 400) {
    return "ARM rejected the change as invalid (see its message). Nothing was changed.";
  }
  return "Nothing is known to have changed. Reload the page before trying again; if it persists, give the request id to support.";
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
      advice:
        "The change may or may not have been applied. Reload the page to see what ARM reports, then decide.",
      stateUncertain: true,
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
    advice: adviceFor(error, change, retryAt),
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
