import { WRITE_ROLE } from "../arm-constants";
import type { ProvisioningState } from "../types";

/**
 * What a switch may do right now:
 * - `unavailable`: the switch is disabled and `reason` is shown next to it (SKU, role, busy);
 * - `refused`: the switch opens its dialog, which explains `reason` and offers no way to go on;
 * - `allowed`: the dialog offers the change, with an optional `recommendation`, and a
 *   `secondConfirmation` text when the change needs to be confirmed twice.
 */
export type SwitchGuard =
  | { kind: "unavailable"; reason: string }
  | { kind: "refused"; reason: string }
  | { kind: "allowed"; recommendation?: string; secondConfirmation?: string };

/** States in which ARM is already changing a resource: a second write would get 409. */
const TRANSITIONAL: ReadonlySet<string> = new Set<ProvisioningState>([
  "Creating",
  "Updating",
  "Deleting",
]);

/** Whether ARM reports the resource as being changed right now. */
export function isTransitional(state: ProvisioningState): boolean {
  return TRANSITIONAL.has(state);
}

/** The reason a user without the write action cannot use a switch, and who can give it. */
export function missingActionReason(action: string, what: string): string {
  return `Your role on this registry does not include ${action}, which changing ${what} needs. The ${WRITE_ROLE} role (or Owner) on the registry, its resource group or subscription grants it.`;
}

/** The reason a switch waits while ARM is changing the resource. */
export function busyReason(what: string, state: ProvisioningState): string {
  return `ARM reports ${what} as ${state}: wait until that operation ends before changing it.`;
}
