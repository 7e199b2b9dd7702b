import { createHash } from "node:crypto";
import { replicationsOf } from "./finders";
import type { EmulatorState, RegistryState } from "./types";

/**
 * Host names as Azure returns them. Only the emulator derives them (it plays Azure); the console
 * reads them from ARM. The first label of the login server carries the domain-name-label hash.
 */
function loginLabel(registry: RegistryState): string {
  return registry.loginServer.split(".")[0] ?? registry.name.toLowerCase();
}

export function regionalHostName(registry: RegistryState, region: string): string {
  return `${loginLabel(registry)}.${region}.geo.${registry.dnsSuffix}`;
}

export function dataHostName(registry: RegistryState, region: string): string {
  return `${loginLabel(registry)}.${region}.data.${registry.dnsSuffix}`;
}

/**
 * The storage account host a replica without dedicated data endpoints redirects blob downloads
 * to. ACR's storage accounts are internal and their names undocumented; the emulator's are
 * derived from the login server and the region (lowercase, 24 characters, as storage requires).
 */
export function storageHostName(registry: RegistryState, region: string): string {
  const hash = createHash("sha256")
    .update(`${registry.loginServer.toLowerCase()}/${region}`)
    .digest("hex");
  return `acr${hash.slice(0, 21)}.blob.core.windows.net`;
}

/** Every name a registry could answer on, whether its regional or data endpoints are on or not. */
export function possibleHostNames(state: EmulatorState): string[] {
  return state.registries.flatMap((registry) => [
    registry.loginServer,
    ...replicationsOf(state, registry).flatMap((r) => [
      regionalHostName(registry, r.region),
      dataHostName(registry, r.region),
      storageHostName(registry, r.region),
    ]),
  ]);
}

export type HostKind = "global" | "regional" | "data";

export interface ResolvedHost {
  registry: RegistryState;
  kind: HostKind;
  /** The replica region this host lands on; for the global name, decided by routing. */
  region: string | null;
  /** A storage account host (`*.blob.core.windows.net`): serves redirected blob downloads only. */
  storage?: boolean;
}

interface HostCandidate {
  registry: RegistryState;
  kind: HostKind;
  region: string | null;
  storage?: boolean;
}

/**
 * Every name a registry could answer on, mapped to its candidates in store order; rebuilt when
 * the registries or replications arrays are replaced (a reset) or change length. A sweep of a
 * large fleet resolves thousands of names; scanning every registry for each would not keep up.
 */
let hostIndex:
  | {
      registries: RegistryState[];
      replications: unknown[];
      lengths: string;
      byName: Map<string, HostCandidate[]>;
    }
  | undefined;

function candidatesFor(state: EmulatorState, name: string): HostCandidate[] {
  const lengths = `${state.registries.length}/${state.replications.length}`;
  if (
    !hostIndex ||
    hostIndex.registries !== state.registries ||
    hostIndex.replications !== state.replications ||
    hostIndex.lengths !== lengths
  ) {
    const byName = new Map<string, HostCandidate[]>();
    const add = (host: string, candidate: HostCandidate) => {
      const key = host.toLowerCase();
      const list = byName.get(key);
      if (list) list.push(candidate);
      else byName.set(key, [candidate]);
    };
    for (const registry of state.registries) {
      add(registry.loginServer, { registry, kind: "global", region: null });
      const replicas = replicationsOf(state, registry);
      // A registry without replicas keeps its blobs in its home region's storage.
      if (replicas.length === 0) {
        add(storageHostName(registry, registry.location), {
          registry,
          kind: "data",
          region: registry.location,
          storage: true,
        });
      }
      for (const replica of replicas) {
        add(regionalHostName(registry, replica.region), {
          registry,
          kind: "regional",
          region: replica.region,
        });
        add(dataHostName(registry, replica.region), {
          registry,
          kind: "data",
          region: replica.region,
        });
        add(storageHostName(registry, replica.region), {
          registry,
          kind: "data",
          region: replica.region,
          storage: true,
        });
      }
    }
    hostIndex = {
      registries: state.registries,
      replications: state.replications,
      lengths,
      byName,
    };
  }
  return hostIndex.byName.get(name) ?? [];
}

/**
 * Which registry and replica a data-plane host name belongs to, as ARM would list it now:
 * regional names only while regional endpoints are enabled, data names only with dedicated data
 * endpoints.
 */
export function resolveHost(state: EmulatorState, host: string): ResolvedHost | null {
  const name = host.toLowerCase().replace(/\.$/, "");
  for (const candidate of candidatesFor(state, name)) {
    const { registry, kind } = candidate;
    // Checked against the live record: the switches change what resolves.
    if (kind === "global" && registry.loginServer.toLowerCase() === name) return candidate;
    // A storage account answers whatever the registry's switches say.
    if (candidate.storage) return candidate;
    if (kind === "regional" && registry.regionalEndpoints === "Enabled") return candidate;
    if (kind === "data" && registry.dataEndpointEnabled) return candidate;
  }
  return null;
}
