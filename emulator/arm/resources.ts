import {
  registriesInResourceGroup,
  registriesInSubscription,
  replicationsOf,
} from "../store/finders";
import type { EmulatorState, RegistryState } from "../store/types";
import { RESOURCES_API_VERSIONS, checkApiVersion } from "./api-versions";
import type { ArmContext, ArmRequest, ArmResult } from "./context";
import { armErrors } from "./errors";
import {
  FilterNotEmulatedError,
  InvalidFilterError,
  matchesFilter,
  parseFilter,
  type FilterNode,
} from "./filter";
import { authorize, checkResourceGroup, requireSubscription } from "./lookup";
import { page } from "./paging";
import { registryId, replicationId } from "./serialize";

/** ARM's actions for the generic lists (Reader's `*\/read` covers both). */
const LIST_IN_SUBSCRIPTION = "Microsoft.Resources/subscriptions/resources/read";
const LIST_IN_GROUP = "Microsoft.Resources/subscriptions/resourceGroups/resources/read";
const MAX_TOP = 1000;

interface GenericResource {
  id: string;
  name: string;
  type: string;
  resourceGroup: string;
  location: string;
  sku?: { name: string; tier: string };
  tags: Record<string, string>;
  provisioningState: string;
}

/** The tracked resources the emulator holds, as the generic list names them (children "parent/child"). */
function resourcesOf(state: EmulatorState, registries: RegistryState[]): GenericResource[] {
  return registries.flatMap((registry) => [
    {
      id: registryId(registry),
      name: registry.name,
      type: "Microsoft.ContainerRegistry/registries",
      resourceGroup: registry.resourceGroup,
      location: registry.location,
      sku: { name: registry.sku, tier: registry.sku },
      tags: registry.tags,
      provisioningState: registry.provisioningState,
    },
    ...replicationsOf(state, registry).map((r) => ({
      id: replicationId(r),
      name: `${registry.name}/${r.region}`,
      type: "Microsoft.ContainerRegistry/registries/replications",
      resourceGroup: registry.resourceGroup,
      location: r.region,
      tags: r.tags,
      provisioningState: r.provisioningState,
    })),
  ]);
}

function filterOf(query: URLSearchParams): FilterNode | undefined {
  const filter = query.get("$filter");
  if (filter === null) return undefined;
  try {
    return parseFilter(filter);
  } catch (err) {
    if (err instanceof FilterNotEmulatedError) throw armErrors.invalidFilter(filter, err.message);
    if (err instanceof InvalidFilterError) throw armErrors.invalidFilter(filter);
    throw err;
  }
}

function pageSizeOf(ctx: ArmContext, query: URLSearchParams): number {
  const top = query.get("$top");
  if (top === null) return ctx.config.pageSize;
  const n = Number(top);
  if (!/^\d+$/.test(top) || n < 1 || n > MAX_TOP) throw armErrors.invalidTop(top);
  return n;
}

/** `$expand`: provisioningState is served; createdTime/changedTime are not kept by the emulator. */
function expandsProvisioningState(query: URLSearchParams): boolean {
  const expand = query.get("$expand");
  if (expand === null) return false;
  const parts = expand.split(",").map((p) => p.trim().toLowerCase());
  for (const part of parts) {
    if (part !== "provisioningstate") throw armErrors.queryNotEmulated("$expand", part);
  }
  return true;
}

function list(ctx: ArmContext, req: ArmRequest, registries: RegistryState[]): ArmResult {
  const query = req.url.searchParams;
  const filter = filterOf(query);
  const pageSize = pageSizeOf(ctx, query);
  const withState = expandsProvisioningState(query);
  const items = resourcesOf(ctx.store.state, registries)
    .filter((r) => !filter || matchesFilter(filter, { ...r, resourceType: r.type }))
    .sort((a, b) => a.id.toLowerCase().localeCompare(b.id.toLowerCase()))
    .map((r) => ({
      id: r.id,
      name: r.name,
      type: r.type,
      ...(r.sku ? { sku: r.sku } : {}),
      location: r.location,
      ...(Object.keys(r.tags).length > 0 ? { tags: r.tags } : {}),
      ...(withState ? { provisioningState: r.provisioningState } : {}),
    }));
  // Azure pages the generic list with `$skiptoken` (lowercase t), unlike the provider lists.
  return { status: 200, body: page(items, req.url, ctx.baseUrl, pageSize, "$skiptoken") };
}

/** `GET /subscriptions/{sub}/resources`: how clients find a registry by name without its group. */
export function listResourcesInSubscription(
  ctx: ArmContext,
  req: ArmRequest,
  sub: string,
): ArmResult {
  checkApiVersion(req.url.searchParams, RESOURCES_API_VERSIONS);
  authorize(req, LIST_IN_SUBSCRIPTION, `/subscriptions/${sub}`);
  requireSubscription(ctx.store.state, sub);
  return list(ctx, req, registriesInSubscription(ctx.store.state, sub));
}

/** `GET /subscriptions/{sub}/resourceGroups/{rg}/resources`. */
export function listResourcesInGroup(
  ctx: ArmContext,
  req: ArmRequest,
  sub: string,
  rg: string,
): ArmResult {
  checkApiVersion(req.url.searchParams, RESOURCES_API_VERSIONS);
  authorize(req, LIST_IN_GROUP, `/subscriptions/${sub}/resourceGroups/${rg}`);
  requireSubscription(ctx.store.state, sub);
  checkResourceGroup(ctx.store.state, sub, rg);
  return list(ctx, req, registriesInResourceGroup(ctx.store.state, sub, rg));
}
