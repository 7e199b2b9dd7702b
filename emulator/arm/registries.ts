import { registriesInResourceGroup, registriesInSubscription } from "../store/finders";
import type { RegistryState } from "../store/types";
import { registryApiVersion, REGISTRY_API_VERSIONS, type ApiVersion } from "./api-versions";
import { API_VERSION_TABLE } from "./api-version-table";
import type { ArmContext, ArmRequest, ArmResult } from "./context";
import { armErrors } from "./errors";
import {
  authorize,
  checkResourceGroup,
  registryLocation,
  requireRegistry,
  requireSubscription,
} from "./lookup";
import { runPatch } from "./lro";
import { page } from "./paging";
import { ACTIONS } from "./rbac";
import { registryId, registryResource } from "./serialize";

const TYPE = "registries";

function byName(a: RegistryState, b: RegistryState) {
  return a.name.localeCompare(b.name);
}

export function listBySubscription(ctx: ArmContext, req: ArmRequest, sub: string): ArmResult {
  const version = registryApiVersion(req.url.searchParams, TYPE, "global");
  const scope = `/subscriptions/${sub}`;
  authorize(req, ACTIONS.registryRead, scope);
  const state = ctx.store.state;
  requireSubscription(state, sub);
  const items = registriesInSubscription(state, sub)
    .sort(byName)
    .map((r) => registryResource(state, r, version));
  return { status: 200, body: page(items, req.url, ctx.baseUrl, ctx.config.pageSize) };
}

export function listByResourceGroup(
  ctx: ArmContext,
  req: ArmRequest,
  sub: string,
  rg: string,
): ArmResult {
  const version = registryApiVersion(req.url.searchParams, TYPE, "global");
  authorize(req, ACTIONS.registryRead, `/subscriptions/${sub}/resourceGroups/${rg}`);
  const state = ctx.store.state;
  requireSubscription(state, sub);
  checkResourceGroup(state, sub, rg);
  const items = registriesInResourceGroup(state, sub, rg)
    .sort(byName)
    .map((r) => registryResource(state, r, version));
  return { status: 200, body: page(items, req.url, ctx.baseUrl, ctx.config.pageSize) };
}

/** The registry a request names, after api-version, authorization and existence checks. */
function target(
  ctx: ArmContext,
  req: ArmRequest,
  sub: string,
  rg: string,
  name: string,
  action: string,
) {
  const state = ctx.store.state;
  const location = registryLocation(state, sub, rg, name);
  const version = registryApiVersion(req.url.searchParams, TYPE, location);
  authorize(req, action, registryId({ subscriptionId: sub, resourceGroup: rg, name }));
  requireSubscription(state, sub);
  return { version, registry: requireRegistry(state, sub, rg, name) };
}

export function getRegistry(
  ctx: ArmContext,
  req: ArmRequest,
  sub: string,
  rg: string,
  name: string,
): ArmResult {
  const { version, registry } = target(ctx, req, sub, rg, name, ACTIONS.registryRead);
  return { status: 200, body: registryResource(ctx.store.state, registry, version) };
}

interface RegistryPatch {
  tags?: Record<string, string>;
  adminUserEnabled?: boolean;
  dataEndpointEnabled?: boolean;
  publicNetworkAccess?: "Enabled" | "Disabled";
  regionalEndpoints?: "Enabled" | "Disabled";
}

const EMULATED_PROPERTIES = [
  "adminUserEnabled",
  "dataEndpointEnabled",
  "publicNetworkAccess",
  "regionalEndpoints",
];

/** Every member some api-version lets a registry PATCH carry. */
const KNOWN_UPDATE_MEMBERS = new Set(
  REGISTRY_API_VERSIONS.flatMap((v) => API_VERSION_TABLE[v]?.registryUpdate ?? []),
);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function parseTags(value: unknown): Record<string, string> {
  if (!isObject(value) || Object.values(value).some((v) => typeof v !== "string")) {
    throw armErrors.invalidRequestContent("The tags must be an object of string values.");
  }
  return value as Record<string, string>;
}

function enabledDisabled(value: unknown, name: string): "Enabled" | "Disabled" {
  const s = typeof value === "string" ? value.toLowerCase() : "";
  if (s === "enabled") return "Enabled";
  if (s === "disabled") return "Disabled";
  throw armErrors.invalidRequestContent(`The value of '${name}' must be 'Enabled' or 'Disabled'.`);
}

function boolean(value: unknown, name: string): boolean {
  if (typeof value !== "boolean")
    throw armErrors.invalidRequestContent(`The value of '${name}' must be a boolean.`);
  return value;
}

function parsePatch(body: unknown, version: ApiVersion): RegistryPatch {
  if (!isObject(body))
    throw armErrors.invalidRequestContent(
      "The request content was invalid and could not be deserialized.",
    );
  const patch: RegistryPatch = {};
  for (const key of Object.keys(body)) {
    if (key === "tags") patch.tags = parseTags(body.tags);
    else if (key === "sku" || key === "identity") {
      throw armErrors.badRequest(
        "InvalidRequestContent",
        `The emulator does not emulate changing '${key}'.`,
      );
    } else if (key !== "properties") {
      throw armErrors.invalidRequestContent(
        `Could not find member '${key}' on object of type 'RegistryUpdateParameters'.`,
      );
    }
  }
  const props = body.properties;
  if (props === undefined || props === null) return patch;
  if (!isObject(props)) throw armErrors.invalidRequestContent("'properties' must be an object.");
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null) continue;
    // A member other versions define but this one lacks (regionalEndpoints before the preview)
    // is ignored, as that version's models would drop it.
    if (!version.properties.registryUpdate.includes(key) && KNOWN_UPDATE_MEMBERS.has(key)) continue;
    if (!EMULATED_PROPERTIES.includes(key)) {
      throw armErrors.badRequest(
        "InvalidRequestContent",
        `The emulator does not emulate updating '${key}'.`,
      );
    }
    if (key === "adminUserEnabled") patch.adminUserEnabled = boolean(value, key);
    if (key === "dataEndpointEnabled") patch.dataEndpointEnabled = boolean(value, key);
    if (key === "publicNetworkAccess") patch.publicNetworkAccess = enabledDisabled(value, key);
    if (key === "regionalEndpoints") patch.regionalEndpoints = enabledDisabled(value, key);
  }
  return patch;
}

/** Premium-only features: the codes for regional and data endpoints are the emulator's choice. */
function checkSku(registry: RegistryState, patch: RegistryPatch): void {
  if (registry.sku === "Premium") return;
  if (patch.regionalEndpoints === "Enabled") {
    throw armErrors.badRequest(
      "RegionalEndpointsNotSupported",
      `Regional endpoints are not supported for the SKU ${registry.sku}. Upgrade the registry '${registry.name}' to the Premium SKU to enable regional endpoints.`,
    );
  }
  if (patch.dataEndpointEnabled === true) {
    throw armErrors.badRequest(
      "DataEndpointNotSupported",
      `Dedicated data endpoints are not supported for the SKU ${registry.sku}. Upgrade the registry '${registry.name}' to the Premium SKU to enable dedicated data endpoints.`,
    );
  }
  if (patch.publicNetworkAccess === "Disabled") {
    throw armErrors.badRequest(
      "DisablingPublicNetworkAccessNotSupported",
      `Disabling public network access is not supported for the SKU ${registry.sku}. For more information, please visit https://aka.ms/acr/private-link.`,
    );
  }
}

export function patchRegistry(
  ctx: ArmContext,
  req: ArmRequest,
  sub: string,
  rg: string,
  name: string,
): ArmResult {
  const { version, registry } = target(ctx, req, sub, rg, name, ACTIONS.registryWrite);
  const patch = parsePatch(req.body, version);
  checkSku(registry, patch);
  const before = {
    tags: registry.tags,
    adminUserEnabled: registry.adminUserEnabled,
    dataEndpointEnabled: registry.dataEndpointEnabled,
    publicNetworkAccess: registry.publicNetworkAccess,
    regionalEndpoints: registry.regionalEndpoints,
  };
  return runPatch(ctx, req, {
    kind: "registries",
    resourceId: registryId(registry),
    apiVersion: version.name,
    apply: () => Object.assign(registry, patch),
    undo: () => Object.assign(registry, before),
    setProvisioningState: (s) => {
      registry.provisioningState = s;
    },
    render: () => registryResource(ctx.store.state, registry, version),
  });
}
