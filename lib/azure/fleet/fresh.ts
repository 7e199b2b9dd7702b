import "server-only";
import { createHash } from "node:crypto";
import type { FleetRegistry } from "../../fleet/shared/types";
import type { Registry, RegistryRef, Replica } from "../../types";
import { fleetRegistryFromArm, fleetReplicaFromArm } from "./from-arm";

/**
 * What ARM told a caller about registries it just opened or changed. Resource Graph lags ARM
 * (its index follows a write after seconds to a minute), so for these registries the fleet view
 * shows ARM's answer instead of Resource Graph's row. Kept per caller token (by hash, never the
 * token), for FRESH_MS.
 */

/** How long an ARM answer is preferred to Resource Graph's row: beyond its documented lag. */
export const FRESH_MS = 5 * 60_000;
const MAX_CALLERS = 500;
const MAX_PER_CALLER = 200;

interface Fresh {
  registry?: { value: Registry; at: number };
  replicas?: { value: Replica[]; at: number };
  /** Single replicas changed since the list was read, by region. */
  changed: Map<string, { value: Replica; at: number }>;
}

const byCaller = new Map<string, Map<string, Fresh>>();

const callerKey = (token: string) => createHash("sha256").update(token).digest("base64url");
const refKey = (ref: RegistryRef) =>
  `/subscriptions/${ref.subscriptionId}/resourcegroups/${ref.resourceGroup}/providers/microsoft.containerregistry/registries/${ref.name}`.toLowerCase();

function entryFor(token: string, ref: RegistryRef): Fresh {
  const who = callerKey(token);
  let registries = byCaller.get(who);
  if (!registries) {
    registries = new Map();
    byCaller.set(who, registries);
    while (byCaller.size > MAX_CALLERS) byCaller.delete(byCaller.keys().next().value!);
  }
  const key = refKey(ref);
  let entry = registries.get(key);
  if (!entry) {
    entry = { changed: new Map() };
    registries.set(key, entry);
    while (registries.size > MAX_PER_CALLER) registries.delete(registries.keys().next().value!);
  }
  return entry;
}

/** A registry ARM returned to this caller (a page opened it, or a change's fresh read). */
export function rememberFreshRegistry(token: string, registry: Registry, now = Date.now()): void {
  entryFor(token, registry).registry = { value: registry, at: now };
}

/** A registry's replica list ARM returned to this caller. */
export function rememberFreshReplicas(
  token: string,
  ref: RegistryRef,
  replicas: Replica[],
  now = Date.now(),
): void {
  const entry = entryFor(token, ref);
  entry.replicas = { value: replicas, at: now };
  entry.changed.clear();
}

/** One replica as ARM returned it after a change by this caller. */
export function rememberFreshReplica(
  token: string,
  ref: RegistryRef,
  replica: Replica,
  now = Date.now(),
): void {
  entryFor(token, ref).changed.set(replica.region, { value: replica, at: now });
}

/**
 * The fleet with this caller's fresh ARM answers laid over the rows of the reading: a registry
 * ARM answered within FRESH_MS takes ARM's values and replicas (ARM's list, then single changed
 * replicas), and is marked `source: "arm"` with the time of ARM's answer.
 */
export function overlayFresh(
  token: string,
  fleet: FleetRegistry[],
  now = Date.now(),
): FleetRegistry[] {
  const registries = byCaller.get(callerKey(token));
  if (!registries) return fleet;
  const live = <T extends { at: number }>(x: T | undefined): T | undefined =>
    x && now - x.at <= FRESH_MS && x.at <= now ? x : undefined;
  return fleet.map((row) => {
    const fresh = registries.get(row.id.toLowerCase());
    if (!fresh) return row;
    const registry = live(fresh.registry);
    const list = live(fresh.replicas);
    const changed = [...fresh.changed.values()].filter((c) => live(c));
    if (!registry && !list && changed.length === 0) return row;
    // Without a fresh registry read, Resource Graph's registry values stay and its replicas are
    // replaced where ARM answered; endpoints then come from the row's own replicas.
    const base: Registry | undefined = registry?.value;
    const times = [registry?.at, list?.at, ...changed.map((c) => c.at)].filter(
      (t): t is number => t !== undefined,
    );
    let next: FleetRegistry = base
      ? fleetRegistryFromArm(base, [], new Date(Math.max(...times)).toISOString())
      : { ...row, source: "arm", asOf: new Date(Math.max(...times)).toISOString() };
    const known = new Map(row.replicas.map((r) => [r.region, r]));
    const toFleet = (replica: Replica) => {
      if (base) return fleetReplicaFromArm(base, replica);
      const old = known.get(replica.region);
      return {
        ...fleetReplicaFromArm({ ...placeholderRegistry(row) }, replica),
        ...(old ? { regionalEndpoint: old.regionalEndpoint, dataEndpoint: old.dataEndpoint } : {}),
      };
    };
    let replicas = list
      ? list.value.map(toFleet)
      : base
        ? row.replicas.map((r) => ({ ...r, ...pickEndpoints(base, r.region) }))
        : row.replicas;
    for (const c of changed) {
      const replaced = toFleet(c.value);
      replicas = replicas.some((r) => r.region === replaced.region)
        ? replicas.map((r) => (r.region === replaced.region ? replaced : r))
        : [...replicas, replaced];
    }
    next = { ...next, replicas };
    return next;
  });
}

function pickEndpoints(registry: Registry, region: string) {
  const { regionalEndpoint, dataEndpoint } = fleetReplicaFromArm(registry, {
    id: "",
    name: region,
    region,
    isHome: false,
    provisioningState: "Succeeded",
    status: {},
    zoneRedundancy: "Disabled",
    globalEndpointRouting: true,
  });
  return { regionalEndpoint, dataEndpoint };
}

/** A Registry with no endpoint lists, for mapping a replica whose registry ARM did not return. */
function placeholderRegistry(row: FleetRegistry): Registry {
  return {
    id: row.id,
    subscriptionId: row.subscriptionId,
    resourceGroup: row.resourceGroup,
    name: row.name,
    location: row.location,
    sku: row.sku,
    loginServer: row.loginServer,
    provisioningState: row.provisioningState,
    regionalEndpoints: "Disabled",
    regionalEndpointHostNames: [],
    dataEndpointEnabled: false,
    dataEndpointHostNames: [],
    contentTrustEnabled: false,
    publicNetworkAccess: "Enabled",
    tags: {},
  };
}
