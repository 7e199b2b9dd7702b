import type { RegistryRef } from "./types";

/**
 * Registry ARM ids: ARM's naming rules, one grammar for the id, and every path built from a
 * registry's parts (ARM request paths, the console's page URLs, its /api URLs). Pure and
 * isomorphic: the server and the browser share it.
 */

/** A subscription id: a GUID. */
export const SUBSCRIPTION_ID_PATTERN =
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The characters of a resource group name: letters, digits, `-_.()` (Unicode letters count, as in
 * .NET's `\w`). The whole rule, with its length and last character, is `isResourceGroupName`.
 */
export const RESOURCE_GROUP_PATTERN = /^[-\p{L}\p{Mn}\p{Nd}\p{Pc}.()]+$/u;
export const RESOURCE_GROUP_MAX_LENGTH = 90;

/** A registry name, and a replication's: 5-50 letters or digits. */
export const REGISTRY_NAME_PATTERN = /^[a-zA-Z0-9]{5,50}$/;
export const REPLICATION_NAME_PATTERN = REGISTRY_NAME_PATTERN;

/** An Azure region as ARM names it in `location`: `westeurope`. */
export const REGION_PATTERN = /^[a-z0-9]{1,60}$/;

/** Whether `name` follows ARM's resource group rule: 1-90 of those characters, not ending with `.`. */
export function isResourceGroupName(name: string): boolean {
  return (
    name.length <= RESOURCE_GROUP_MAX_LENGTH &&
    RESOURCE_GROUP_PATTERN.test(name) &&
    !name.endsWith(".")
  );
}

/**
 * The id's grammar. ARM compares the literal segments case-insensitively and may return them in
 * either case; a child resource (a replication, a webhook) may follow the registry's name.
 */
const REGISTRY_ID =
  /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.ContainerRegistry\/registries\/([^/]+)(\/.*)?$/i;

/** Longest registry ARM id: prefix + GUID + 90-character group + provider path + 50-character name. */
export const MAX_REGISTRY_ID_LENGTH = 260;

function decodeOrNull(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/**
 * The registry an ARM id points at, or undefined when it is not a registry id.
 * - default: the id as ARM returns it; a child resource's id resolves to its registry, and
 *   percent-encoded segments are decoded;
 * - `strict`: exactly a registry's id (no child, nothing encoded) whose parts follow ARM's naming
 *   rules: what an API accepts as input.
 */
export function parseRegistryId(
  id: string,
  options: { strict?: boolean } = {},
): RegistryRef | undefined {
  const match = REGISTRY_ID.exec(id);
  if (!match?.[1] || !match[2] || !match[3]) return undefined;
  if (options.strict) {
    const [, subscriptionId, resourceGroup, name, child] = match;
    const valid =
      child === undefined &&
      id.length <= MAX_REGISTRY_ID_LENGTH &&
      SUBSCRIPTION_ID_PATTERN.test(subscriptionId) &&
      isResourceGroupName(resourceGroup) &&
      REGISTRY_NAME_PATTERN.test(name);
    return valid ? { subscriptionId, resourceGroup, name } : undefined;
  }
  const subscriptionId = decodeOrNull(match[1]);
  const resourceGroup = decodeOrNull(match[2]);
  const name = decodeOrNull(match[3]);
  if (!subscriptionId || !resourceGroup || !name) return undefined;
  return { subscriptionId, resourceGroup, name };
}

/**
 * The registry a user pasted: an ARM id with or without its leading slash, a child resource's id,
 * or a portal URL (`https://portal.azure.com/#@tenant/resource/subscriptions/...`), surrounded by
 * whitespace or not. Undefined when the text holds no registry id.
 */
export function findRegistryIdInText(text: string): RegistryRef | undefined {
  const trimmed = text.trim();
  const start = trimmed.toLowerCase().indexOf("subscriptions/");
  if (start < 0) return undefined;
  const candidate = `/${trimmed.slice(start)}`.split(/[?#\s]/)[0] ?? "";
  return parseRegistryId(candidate);
}

const encode = encodeURIComponent;

/** `/subscriptions/<s>/resourceGroups/<rg>/providers/Microsoft.ContainerRegistry/registries/<n>`, encoded: the ARM request path. */
export function registryArmPath(ref: RegistryRef): string {
  return (
    `/subscriptions/${encode(ref.subscriptionId)}/resourceGroups/${encode(ref.resourceGroup)}` +
    `/providers/Microsoft.ContainerRegistry/registries/${encode(ref.name)}`
  );
}

/** The ARM request path of every registry of a subscription. */
export function subscriptionRegistriesArmPath(subscriptionId: string): string {
  return `/subscriptions/${encode(subscriptionId)}/providers/Microsoft.ContainerRegistry/registries`;
}

/** The ARM request path of one of a registry's replications. */
export function replicationArmPath(ref: RegistryRef, replicationName: string): string {
  return `${registryArmPath(ref)}/replications/${encode(replicationName)}`;
}

/** `/subscriptions/<s>/resourceGroups/<rg>/registries/<n>`: the console's URLs mirror the ARM id. */
function consolePath(ref: RegistryRef): string {
  return `/subscriptions/${encode(ref.subscriptionId)}/resourceGroups/${encode(ref.resourceGroup)}/registries/${encode(ref.name)}`;
}

/** The URL of a registry's page in the console. */
export function registryPageUrl(ref: RegistryRef): string {
  return consolePath(ref);
}

/** The shareable URL of the pinned view: one region's endpoints of a registry. */
export function pinnedProbesPageUrl(ref: RegistryRef, region: string): string {
  return `${consolePath(ref)}/probes/${encode(region)}`;
}

/** The console's /api URL of a registry (its replications, permissions... are below it). */
export function registryApiUrl(ref: RegistryRef): string {
  return `/api${consolePath(ref)}`;
}

/** The console's /api URL of one replication of a registry. */
export function replicationApiUrl(ref: RegistryRef, replicationName: string): string {
  return `${registryApiUrl(ref)}/replications/${encode(replicationName)}`;
}

/**
 * A dynamic route segment as the page receives it, decoded; a malformed escape is kept as it
 * came (the API then says what is wrong with it).
 */
export function decodeRouteSegment(segment: string): string {
  return decodeOrNull(segment) ?? segment;
}

/** The registry a page's route parameters name (`[subscriptionId]/[resourceGroup]/[registryName]`). */
export function registryRefFromRoute(params: {
  subscriptionId: string;
  resourceGroup: string;
  registryName: string;
}): RegistryRef {
  return {
    subscriptionId: decodeRouteSegment(params.subscriptionId),
    resourceGroup: decodeRouteSegment(params.resourceGroup),
    name: decodeRouteSegment(params.registryName),
  };
}
