import type {
  EmulatorState,
  PrincipalState,
  RegionState,
  RegistryState,
  ReplicationState,
  RepositoryState,
  SubscriptionState,
} from "./types";

/**
 * The store's queries: handlers ask these instead of searching the state's arrays themselves, so
 * each lookup and its name comparison live in one place. Names that arrive in ARM request paths
 * compare case-insensitively, as ARM does. Relations between stored records (a registry's
 * replicas and repositories) compare the subscription id exactly: both sides come from the store.
 */

const eq = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Identifies a registry across state changes; the data plane looks the registry up per request. */
export interface RegistryKey {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
}

/** Whether `child` (a replication or repository) belongs to `registry`. */
function belongsTo(
  child: { subscriptionId: string; resourceGroup: string; registryName: string },
  registry: RegistryKey,
): boolean {
  return (
    child.subscriptionId === registry.subscriptionId &&
    eq(child.resourceGroup, registry.resourceGroup) &&
    eq(child.registryName, registry.name)
  );
}

export function findSubscription(
  state: EmulatorState,
  subscriptionId: string,
): SubscriptionState | undefined {
  return state.subscriptions.find((s) => eq(s.subscriptionId, subscriptionId));
}

export function registriesInSubscription(
  state: EmulatorState,
  subscriptionId: string,
): RegistryState[] {
  return state.registries.filter((r) => eq(r.subscriptionId, subscriptionId));
}

/** Also tells whether the resource group exists: the emulator keeps no empty groups. */
export function registriesInResourceGroup(
  state: EmulatorState,
  subscriptionId: string,
  resourceGroup: string,
): RegistryState[] {
  return state.registries.filter(
    (r) => eq(r.subscriptionId, subscriptionId) && eq(r.resourceGroup, resourceGroup),
  );
}

/** The registry an ARM path names (every part case-insensitive). */
export function findRegistry(
  state: EmulatorState,
  subscriptionId: string,
  resourceGroup: string,
  name: string,
): RegistryState | undefined {
  return state.registries.find(
    (r) =>
      eq(r.subscriptionId, subscriptionId) &&
      eq(r.resourceGroup, resourceGroup) &&
      eq(r.name, name),
  );
}

/**
 * The registry a key taken from the store earlier names now, or undefined once it is gone (a
 * reset). The subscription id is compared exactly, as the key was copied from a stored registry.
 */
export function findRegistryByKey(
  state: EmulatorState,
  key: RegistryKey,
): RegistryState | undefined {
  return state.registries[findRegistryIndex(state, key)];
}

function findRegistryIndex(state: EmulatorState, key: RegistryKey): number {
  return state.registries.findIndex(
    (r) =>
      r.subscriptionId === key.subscriptionId &&
      eq(r.resourceGroup, key.resourceGroup) &&
      eq(r.name, key.name),
  );
}

/** A registry found by key and where it stood in the store's list: the next lookup's hint. */
export interface RegistryFound {
  registry: RegistryState;
  index: number;
}

/**
 * `findRegistryByKey` for a caller that asks for the same key again and again (a data-plane
 * connection, at every request): the registry found last time is answered while it is still at
 * the same place in the store's list, without searching the list (1,000 registries in the large
 * fleet); otherwise (removed, replaced, moved by a reset) the list is searched again.
 */
export function findRegistryAgain(
  state: EmulatorState,
  key: RegistryKey,
  last: RegistryFound | undefined,
): RegistryFound | undefined {
  if (last && state.registries[last.index] === last.registry) return last;
  const index = findRegistryIndex(state, key);
  return index < 0 ? undefined : { registry: state.registries[index]!, index };
}

/**
 * The first registry, in any subscription, whose name or login server is `nameOrLoginServer`
 * (case-insensitive): how the control API lets tests name a registry.
 */
export function findRegistryByNameOrLoginServer(
  state: EmulatorState,
  nameOrLoginServer: string,
): RegistryState | undefined {
  return state.registries.find(
    (r) => eq(r.name, nameOrLoginServer) || eq(r.loginServer, nameOrLoginServer),
  );
}

/**
 * Replications grouped by registry, built once per replications array: serializing a registry
 * asks for its replicas, and a scan of 10,000 replications per registry of a 1,000-registry list
 * would cost seconds. Rebuilt when the array is replaced (a reset) or its length changes.
 */
const replicationIndex = new WeakMap<
  ReplicationState[],
  { length: number; byRegistry: Map<string, ReplicationState[]> }
>();

const registryIndexKey = (subscriptionId: string, resourceGroup: string, name: string) =>
  `${subscriptionId}|${resourceGroup.toLowerCase()}|${name.toLowerCase()}`;

/** The registry's replications, in store order (a new array: callers may sort it). */
export function replicationsOf(state: EmulatorState, registry: RegistryKey): ReplicationState[] {
  const all = state.replications;
  let index = replicationIndex.get(all);
  if (!index || index.length !== all.length) {
    const byRegistry = new Map<string, ReplicationState[]>();
    for (const r of all) {
      const k = registryIndexKey(r.subscriptionId, r.resourceGroup, r.registryName);
      const list = byRegistry.get(k);
      if (list) list.push(r);
      else byRegistry.set(k, [r]);
    }
    index = { length: all.length, byRegistry };
    replicationIndex.set(all, index);
  }
  const found =
    index.byRegistry.get(
      registryIndexKey(registry.subscriptionId, registry.resourceGroup, registry.name),
    ) ?? [];
  // The index holds the stored records themselves; a record edited in place stays current.
  return found.filter((r) => belongsTo(r, registry));
}

/** The registry's replication in `region`; a replication is named after its region. */
export function findReplication(
  state: EmulatorState,
  registry: RegistryKey,
  region: string,
): ReplicationState | undefined {
  return replicationsOf(state, registry).find((r) => eq(r.region, region));
}

/** A repository of the registry; repository names are compared exactly, as the data plane does. */
export function findRepository(
  state: EmulatorState,
  registry: RegistryKey,
  name: string,
): RepositoryState | undefined {
  return state.repositories.find((r) => belongsTo(r, registry) && r.name === name);
}

/**
 * The principal with this object id. The identity provider and the data plane match the id they
 * issued exactly; ARM compares object ids as GUIDs, ignoring case.
 */
export function findPrincipal(
  state: EmulatorState,
  objectId: string,
  options: { ignoreCase?: boolean } = {},
): PrincipalState | undefined {
  const same = options.ignoreCase ? eq : (a: string, b: string) => a === b;
  return state.principals.find((p) => same(p.objectId, objectId));
}

export function principalsOfKind(
  state: EmulatorState,
  kind: PrincipalState["kind"],
): PrincipalState[] {
  return state.principals.filter((p) => p.kind === kind);
}

/** The app (confidential client) registered with this client id. */
export function findAppByClientId(
  state: EmulatorState,
  clientId: string,
): PrincipalState | undefined {
  return state.principals.find((p) => p.kind === "app" && p.clientId === clientId);
}

/** The user with this sign-in name, ignoring case as Entra does with user principal names. */
export function findUserBySignInName(
  state: EmulatorState,
  username: string,
): PrincipalState | undefined {
  return state.principals.find(
    (p) => p.kind === "user" && p.username?.toLowerCase() === username.toLowerCase(),
  );
}

/** The data-plane settings of an emulated region (keys are lowercase region names). */
export function findRegion(state: EmulatorState, region: string): RegionState | undefined {
  // Own keys only: `constructor` or `__proto__` are not regions.
  return Object.hasOwn(state.regions, region) ? state.regions[region] : undefined;
}
