import {
  findRegistry,
  findReplication,
  findSubscription,
  registriesInResourceGroup,
} from "../store/finders";
import type {
  EmulatorState,
  RegistryState,
  ReplicationState,
  SubscriptionState,
} from "../store/types";
import type { ArmRequest } from "./context";
import { armErrors } from "./errors";
import { isAllowed } from "./rbac";

/** 403 unless the caller's role grants `action` at `scope`. */
export function authorize(req: ArmRequest, action: string, scope: string): void {
  if (!isAllowed(req.principal, action, scope)) {
    throw armErrors.authorizationFailed(req.callerId, action, scope);
  }
}

/**
 * Where ARM checks a registry request's api-version: the registry's location, or `global` when
 * there is no such registry. Looked up before authorization, so it must not throw: the caller's
 * api-version error comes before a 403 or 404.
 */
export function registryLocation(
  state: EmulatorState,
  subscriptionId: string,
  resourceGroup: string,
  name: string,
): string {
  return findRegistry(state, subscriptionId, resourceGroup, name)?.location ?? "global";
}

/** The subscription, or ARM's 404 `SubscriptionNotFound`. */
export function requireSubscription(
  state: EmulatorState,
  subscriptionId: string,
): SubscriptionState {
  const sub = findSubscription(state, subscriptionId);
  if (!sub) throw armErrors.subscriptionNotFound(subscriptionId);
  return sub;
}

/** A resource group exists while it holds a registry (the emulator keeps no empty groups). */
export function checkResourceGroup(
  state: EmulatorState,
  subscriptionId: string,
  resourceGroup: string,
): void {
  if (registriesInResourceGroup(state, subscriptionId, resourceGroup).length === 0) {
    throw armErrors.resourceGroupNotFound(resourceGroup);
  }
}

/** The registry, or ARM's 404 for its resource group or for the registry itself. */
export function requireRegistry(
  state: EmulatorState,
  subscriptionId: string,
  resourceGroup: string,
  name: string,
): RegistryState {
  checkResourceGroup(state, subscriptionId, resourceGroup);
  const registry = findRegistry(state, subscriptionId, resourceGroup, name);
  if (!registry) {
    throw armErrors.resourceNotFound(
      `Microsoft.ContainerRegistry/registries/${name}`,
      resourceGroup,
    );
  }
  return registry;
}

/** The registry's replication in `region`, or ARM's 404 `ResourceNotFound`. */
export function requireReplication(
  state: EmulatorState,
  registry: RegistryState,
  region: string,
): ReplicationState {
  const replication = findReplication(state, registry, region);
  if (!replication) {
    throw armErrors.resourceNotFound(
      `Microsoft.ContainerRegistry/registries/${registry.name}/replications/${region}`,
      registry.resourceGroup,
    );
  }
  return replication;
}
