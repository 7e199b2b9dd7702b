import { isAllowed, PULL_ACTION, rolesAt } from "../arm/rbac";
import { findPrincipal } from "../store/finders";
import type { EmulatorState, RegistryState } from "../store/types";
import { registryId } from "./routing";

/**
 * What a principal may do on a registry's data plane, from the ARM actions its roles hold on the
 * registry (a registry in the RBAC-only permissions mode: ACR's data-plane rights are the
 * control-plane actions `registries/pull/read`, `registries/push/write` and
 * `registries/artifacts/delete`, which AcrPull, AcrPush and AcrDelete hold). Owner and
 * Contributor hold all three, Reader pulls through its `*\/read`, and the custom Registry
 * Configuration Reader (Reader without pull) holds none.
 */
const DATA_ACTIONS: [action: string, armAction: string][] = [
  ["pull", PULL_ACTION],
  ["metadata_read", PULL_ACTION],
  ["push", "Microsoft.ContainerRegistry/registries/push/write"],
  ["metadata_write", "Microsoft.ContainerRegistry/registries/push/write"],
  ["delete", "Microsoft.ContainerRegistry/registries/artifacts/delete"],
];

/** Data-plane actions the principal with this object id holds on the registry (empty if none). */
export function allowedActions(
  state: EmulatorState,
  objectId: string,
  registry: RegistryState,
): Set<string> {
  const principal = findPrincipal(state, objectId);
  const id = registryId(registry);
  return new Set(
    DATA_ACTIONS.filter(([, armAction]) => isAllowed(principal, armAction, id)).map(([a]) => a),
  );
}

/** Whether the principal holds any role on the registry (at it, or inherited from above). */
export function holdsRoleOn(
  state: EmulatorState,
  objectId: string,
  registry: RegistryState,
): boolean {
  return rolesAt(findPrincipal(state, objectId), registryId(registry)).length > 0;
}
