import { caFetch } from "../support/emulator-client";
import type { EmulatorEndpoints } from "../support/emulator-process";

/**
 * Direct ARM reads against the emulator with a given token, to compare what the console shows
 * with what ARM says. The preview api-version is the one that carries regional endpoint fields.
 */
const REGISTRY_API = "2026-01-01-preview";
const SUBSCRIPTIONS_API = "2022-12-01";

export interface ArmRegistry {
  id: string;
  name: string;
  location: string;
  sku: { name: string };
  properties: {
    loginServer: string;
    regionalEndpoints?: string;
    regionalEndpointHostNames?: string[];
    dataEndpointEnabled?: boolean;
    dataEndpointHostNames?: string[];
    provisioningState: string;
  };
}

export interface ArmReplication {
  name: string;
  location: string;
  properties: {
    provisioningState: string;
    regionEndpointEnabled?: boolean;
    status?: { displayStatus?: string };
  };
}

async function armGet<T>(emulator: EmulatorEndpoints, token: string, url: string): Promise<T> {
  const res = await caFetch(emulator)(url, { headers: { authorization: `Bearer ${token}` } });
  const text = await res.text();
  if (!res.ok) throw new Error(`ARM ${res.status} for ${url}: ${text}`);
  return JSON.parse(text) as T;
}

async function listAll<T>(emulator: EmulatorEndpoints, token: string, first: string): Promise<T[]> {
  const items: T[] = [];
  let next: string | undefined = first;
  while (next) {
    const page: { value: T[]; nextLink?: string } = await armGet(emulator, token, next);
    items.push(...page.value);
    next = page.nextLink;
  }
  return items;
}

export async function armRegistries(emulator: EmulatorEndpoints, token: string) {
  const base = emulator.armEndpoint.replace(/\/+$/, "");
  const subs = await listAll<{ subscriptionId: string }>(
    emulator,
    token,
    `${base}/subscriptions?api-version=${SUBSCRIPTIONS_API}`,
  );
  const perSub = await Promise.all(
    subs.map((s) =>
      listAll<ArmRegistry>(
        emulator,
        token,
        `${base}/subscriptions/${s.subscriptionId}/providers/Microsoft.ContainerRegistry/registries?api-version=${REGISTRY_API}`,
      ),
    ),
  );
  return perSub.flat();
}

export async function armRegistry(emulator: EmulatorEndpoints, token: string, id: string) {
  const base = emulator.armEndpoint.replace(/\/+$/, "");
  return armGet<ArmRegistry>(emulator, token, `${base}${id}?api-version=${REGISTRY_API}`);
}

export async function armReplications(emulator: EmulatorEndpoints, token: string, id: string) {
  const base = emulator.armEndpoint.replace(/\/+$/, "");
  return listAll<ArmReplication>(
    emulator,
    token,
    `${base}${id}/replications?api-version=${REGISTRY_API}`,
  );
}

/**
 * The Endpoints table ARM implies: the login server, the regional host names while enabled, and
 * the dedicated data hosts or one `*.blob.core.windows.net` per replica.
 */
export function expectedEndpointHosts(registry: ArmRegistry, replicas: ArmReplication[]) {
  const p = registry.properties;
  const rows = [{ kind: "global", host: p.loginServer }];
  if (p.regionalEndpoints === "Enabled") {
    for (const host of p.regionalEndpointHostNames ?? []) rows.push({ kind: "regional", host });
  }
  if (p.dataEndpointEnabled) {
    for (const host of p.dataEndpointHostNames ?? []) rows.push({ kind: "data", host });
  } else {
    replicas.forEach(() => rows.push({ kind: "data", host: "*.blob.core.windows.net" }));
  }
  return rows;
}

/**
 * Changes a registry as another client would (straight at ARM, not through the console), and
 * waits for ARM's operation to end.
 */
export async function armPatchRegistry(
  emulator: EmulatorEndpoints,
  token: string,
  id: string,
  properties: Record<string, unknown>,
) {
  const base = emulator.armEndpoint.replace(/\/+$/, "");
  const doFetch = caFetch(emulator);
  const res = await doFetch(`${base}${id}?api-version=${REGISTRY_API}`, {
    method: "PATCH",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ properties }),
  });
  if (!res.ok) throw new Error(`ARM PATCH ${res.status}: ${await res.text()}`);
  const operation = res.headers.get("azure-asyncoperation");
  for (let i = 0; operation && i < 100; i++) {
    const poll = await armGet<{ status: string }>(emulator, token, operation);
    if (poll.status !== "InProgress") return poll.status;
  }
  return "Succeeded";
}
