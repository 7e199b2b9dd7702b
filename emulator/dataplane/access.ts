import { findPrincipal } from "../store/finders";
import type { EmulatorState, RegistryState, RoleName } from "../store/types";
import { registryId } from "./routing";

/**
 * What a principal may do on a registry's data plane, from its role assignments (the built-in
 * roles Owner, Contributor and Reader all include `registries/pull/read`; only Owner and
 * Contributor may push or delete).
 */
const ACTIONS: Record<RoleName, string[]> = {
  Owner: ["pull", "push", "delete", "metadata_read", "metadata_write"],
  Contributor: ["pull", "push", "delete", "metadata_read", "metadata_write"],
  Reader: ["pull", "metadata_read"],
};

function covers(scope: string, resourceId: string): boolean {
  const s = scope.replace(/\/+$/, "").toLowerCase();
  if (s === "") return true; // "/" is every subscription
  const id = resourceId.toLowerCase();
  return id === s || id.startsWith(`${s}/`);
}

/** Data-plane actions the principal with this object id holds on the registry (empty if none). */
export function allowedActions(
  state: EmulatorState,
  objectId: string,
  registry: RegistryState,
): Set<string> {
  const allowed = new Set<string>();
  const principal = findPrincipal(state, objectId);
  if (!principal) return allowed;
  const id = registryId(registry);
  for (const assignment of principal.assignments) {
    if (!covers(assignment.scope, id)) continue;
    for (const action of ACTIONS[assignment.role] ?? []) allowed.add(action);
  }
  return allowed;
}
