import type { Registry, RegistryRef } from "@/lib/types";

const REGISTRY_ID =
  /^\/?subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.ContainerRegistry\/registries\/([^/]+)(?:\/.*)?$/i;

/**
 * The registry an ARM resource id points at, or null when the text is not a registry id. Ids of
 * child resources (a replication, a webhook) resolve to their registry. A portal URL's `#@tenant/
 * resource/...` fragment or surrounding whitespace is tolerated.
 */
export function parseRegistryResourceId(text: string): RegistryRef | null {
  const trimmed = text.trim();
  const start = trimmed.toLowerCase().indexOf("/subscriptions/");
  const candidate = start >= 0 ? trimmed.slice(start) : trimmed;
  const match = REGISTRY_ID.exec(candidate.split(/[?#\s]/)[0] ?? "");
  if (!match) return null;
  const [, subscriptionId, resourceGroup, name] = match;
  if (!subscriptionId || !resourceGroup || !name) return null;
  return {
    subscriptionId: decodeURIComponent(subscriptionId),
    resourceGroup: decodeURIComponent(resourceGroup),
    name: decodeURIComponent(name),
  };
}

/**
 * A host name typed or pasted by a user, reduced to what a login server looks like: no scheme,
 * path, port or trailing dot, lower case. `https://contoso.azurecr.io/v2/` -> `contoso.azurecr.io`.
 */
export function normalizeHost(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, "")
    .split(/[/?#\s]/)[0]!
    .replace(/:\d+$/, "")
    .replace(/\.$/, "");
}

/** The registry whose login server (or one of its regional host names) is `text`, if loaded. */
export function findByLoginServer(text: string, registries: Registry[]): Registry | null {
  const host = normalizeHost(text);
  if (!host) return null;
  return (
    registries.find((r) => r.loginServer.toLowerCase() === host) ??
    registries.find((r) => r.regionalEndpointHostNames.some((h) => h.toLowerCase() === host)) ??
    null
  );
}

/** The console URL of a registry page; it mirrors the ARM id. */
export function registryPath(ref: RegistryRef): string {
  const part = encodeURIComponent;
  return `/subscriptions/${part(ref.subscriptionId)}/resourceGroups/${part(ref.resourceGroup)}/registries/${part(ref.name)}`;
}

export type RegistryLookup =
  { kind: "found"; ref: RegistryRef } | { kind: "empty" } | { kind: "not-found"; message: string };

/**
 * What the "go to registry" box does with its text: an ARM id goes straight to its page (ARM
 * decides whether it exists); a login server is looked up in the loaded inventory.
 */
export function lookupRegistry(text: string, registries: Registry[]): RegistryLookup {
  if (!text.trim()) return { kind: "empty" };
  const ref = parseRegistryResourceId(text);
  if (ref) return { kind: "found", ref };
  if (text.toLowerCase().includes("/subscriptions/")) {
    return { kind: "not-found", message: "That ARM id does not point at a container registry." };
  }
  const registry = findByLoginServer(text, registries);
  if (registry) return { kind: "found", ref: registry };
  return {
    kind: "not-found",
    message: `No registry you can see has the login server "${normalizeHost(text)}".`,
  };
}
