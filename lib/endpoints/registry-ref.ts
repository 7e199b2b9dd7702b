import { findRegistryIdInText } from "@/lib/arm-id";
import type { Registry, RegistryRef } from "@/lib/types";

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

export type RegistryLookup =
  { kind: "found"; ref: RegistryRef } | { kind: "empty" } | { kind: "not-found"; message: string };

/**
 * What the "go to registry" box does with its text: an ARM id goes straight to its page (ARM
 * decides whether it exists); a login server is looked up in the loaded inventory.
 */
export function lookupRegistry(text: string, registries: Registry[]): RegistryLookup {
  if (!text.trim()) return { kind: "empty" };
  const ref = findRegistryIdInText(text);
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
