import type { EmulatorState, RegistryState, ReplicationState } from "../store/types";
import { replicationsOf } from "../store/finders";
import type { ArmRequest } from "./context";
import { armErrors } from "./errors";
import { isAllowed } from "./rbac";

const eq = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** 403 unless the caller's role grants `action` at `scope`. */
export function authorize(req: ArmRequest, action: string, scope: string): void {
  if (!isAllowed(req.principal, action, scope)) {
    throw armErrors.authorizationFailed(req.callerId, action, scope);
  }
}

export function findSubscription(state: EmulatorState, subscriptionId: string) {
  const sub = state.subscriptions.find((s) => eq(s.subscriptionId, subscriptionId));
  if (!sub) throw armErrors.subscriptionNotFound(subscriptionId);
  return sub;
}

/** A resource group exists while it holds a registry (the emulator keeps no empty groups). */
export function checkResourceGroup(
  state: EmulatorState,
  subscriptionId: string,
  resourceGroup: string,
) {
  const exists = state.registries.some(
    (r) => eq(r.subscriptionId, subscriptionId) && eq(r.resourceGroup, resourceGroup),
  );
  if (!exists) throw armErrors.resourceGroupNotFound(resourceGroup);
}

export function findRegistry(
  state: EmulatorState,
  subscriptionId: string,
  resourceGroup: string,
  name: string,
): RegistryState {
  checkResourceGroup(state, subscriptionId, resourceGroup);
  const registry = state.registries.find(
    (r) =>
      eq(r.subscriptionId, subscriptionId) &&
      eq(r.resourceGroup, resourceGroup) &&
      eq(r.name, name),
  );
  if (!registry) {
    throw armErrors.resourceNotFound(
      `Microsoft.ContainerRegistry/registries/${name}`,
      resourceGroup,
    );
  }
  return registry;
}

export function findReplication(
  state: EmulatorState,
  registry: RegistryState,
  region: string,
): ReplicationState {
  const replication = replicationsOf(state, registry).find((r) => eq(r.region, region));
  if (!replication) {
    throw armErrors.resourceNotFound(
      `Microsoft.ContainerRegistry/registries/${registry.name}/replications/${region}`,
      registry.resourceGroup,
    );
  }
  return replication;
}
