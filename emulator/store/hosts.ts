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

/** Every name a registry could answer on, whether its regional or data endpoints are on or not. */
export function possibleHostNames(state: EmulatorState): string[] {
  return state.registries.flatMap((registry) => [
    registry.loginServer,
    ...replicationsOf(state, registry).flatMap((r) => [
      regionalHostName(registry, r.region),
      dataHostName(registry, r.region),
    ]),
  ]);
}

export type HostKind = "global" | "regional" | "data";

export interface ResolvedHost {
  registry: RegistryState;
  kind: HostKind;
  /** The replica region this host lands on; for the global name, decided by routing. */
  region: string | null;
}

/**
 * Which registry and replica a data-plane host name belongs to, as ARM would list it now:
 * regional names only while regional endpoints are enabled, data names only with dedicated data
 * endpoints.
 */
export function resolveHost(state: EmulatorState, host: string): ResolvedHost | null {
  const name = host.toLowerCase().replace(/\.$/, "");
  for (const registry of state.registries) {
    if (registry.loginServer.toLowerCase() === name) {
      return { registry, kind: "global", region: null };
    }
    for (const replica of replicationsOf(state, registry)) {
      if (
        registry.regionalEndpoints === "Enabled" &&
        regionalHostName(registry, replica.region) === name
      ) {
        return { registry, kind: "regional", region: replica.region };
      }
      if (registry.dataEndpointEnabled && dataHostName(registry, replica.region) === name) {
        return { registry, kind: "data", region: replica.region };
      }
    }
  }
  return null;
}
