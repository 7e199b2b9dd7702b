import { replicationsOf } from "../store/finders";
import { registryApiVersion } from "./api-versions";
import type { ArmContext, ArmRequest, ArmResult } from "./context";
import { armErrors } from "./errors";
import {
  authorize,
  registryLocation,
  requireRegistry,
  requireReplication,
  requireSubscription,
} from "./lookup";
import { runPatch } from "./lro";
import { page } from "./paging";
import { ACTIONS } from "./rbac";
import { parseTags } from "./registries";
import { registryId, replicationId, replicationResource } from "./serialize";

const TYPE = "registries/replications";

/**
 * The registry a replication request names, after api-version, authorization and existence
 * checks.
 */
function parentOf(
  ctx: ArmContext,
  req: ArmRequest,
  sub: string,
  rg: string,
  name: string,
  action: string,
  region?: string,
) {
  const state = ctx.store.state;
  const scope = registryId({ subscriptionId: sub, resourceGroup: rg, name });
  const location = region ?? registryLocation(state, sub, rg, name);
  const version = registryApiVersion(req.url.searchParams, TYPE, location);
  authorize(req, action, region ? `${scope}/replications/${region}` : scope);
  requireSubscription(state, sub);
  return { version, registry: requireRegistry(state, sub, rg, name) };
}

export function listReplications(
  ctx: ArmContext,
  req: ArmRequest,
  sub: string,
  rg: string,
  name: string,
): ArmResult {
  const { version, registry } = parentOf(ctx, req, sub, rg, name, ACTIONS.replicationRead);
  // The home region first, as Azure lists it; then by region name.
  const items = replicationsOf(ctx.store.state, registry)
    .sort((a, b) =>
      a.region === registry.location
        ? -1
        : b.region === registry.location
          ? 1
          : a.region.localeCompare(b.region),
    )
    .map((r) => replicationResource(r, version));
  return { status: 200, body: page(items, req.url, ctx.baseUrl, ctx.config.pageSize) };
}

export function getReplication(
  ctx: ArmContext,
  req: ArmRequest,
  sub: string,
  rg: string,
  name: string,
  region: string,
): ArmResult {
  const { version, registry } = parentOf(ctx, req, sub, rg, name, ACTIONS.replicationRead, region);
  return {
    status: 200,
    body: replicationResource(requireReplication(ctx.store.state, registry, region), version),
  };
}

export function patchReplication(
  ctx: ArmContext,
  req: ArmRequest,
  sub: string,
  rg: string,
  name: string,
  region: string,
): ArmResult {
  const { version, registry } = parentOf(ctx, req, sub, rg, name, ACTIONS.replicationWrite, region);
  const replication = requireReplication(ctx.store.state, registry, region);
  const body = req.body;
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw armErrors.invalidRequestContent(
      "The request content was invalid and could not be deserialized.",
    );
  }
  const b = body as Record<string, unknown>;
  let tags: Record<string, string> | undefined;
  let regionEndpointEnabled: boolean | undefined;
  for (const key of Object.keys(b)) {
    if (key === "tags") tags = parseTags(b.tags);
    else if (key !== "properties") {
      throw armErrors.invalidRequestContent(
        `Could not find member '${key}' on object of type 'ReplicationUpdateParameters'.`,
      );
    }
  }
  const props = b.properties;
  if (props !== undefined && props !== null) {
    if (typeof props !== "object" || Array.isArray(props)) {
      throw armErrors.invalidRequestContent("'properties' must be an object.");
    }
    for (const [key, value] of Object.entries(props as Record<string, unknown>)) {
      if (value === undefined || value === null) continue;
      // Before regionEndpointEnabled existed (2017-10-01, 2019-05-01) a replication PATCH
      // carries tags only, and the member is ignored as those versions' models drop it.
      if (key === "regionEndpointEnabled" && !version.properties.replicationUpdate?.includes(key))
        continue;
      if (key !== "regionEndpointEnabled") {
        throw armErrors.invalidRequestContent(
          `Could not find member '${key}' on object of type 'ReplicationUpdateParametersProperties'.`,
        );
      }
      if (typeof value !== "boolean") {
        throw armErrors.invalidRequestContent(
          "The value of 'regionEndpointEnabled' must be a boolean.",
        );
      }
      regionEndpointEnabled = value;
    }
  }
  const before = {
    tags: replication.tags,
    regionEndpointEnabled: replication.regionEndpointEnabled,
  };
  return runPatch(ctx, req, {
    kind: "replications",
    resourceId: replicationId(replication),
    apiVersion: version.name,
    apply: () => {
      if (tags !== undefined) replication.tags = tags;
      if (regionEndpointEnabled !== undefined)
        replication.regionEndpointEnabled = regionEndpointEnabled;
    },
    undo: () => Object.assign(replication, before),
    setProvisioningState: (s) => {
      replication.provisioningState = s;
    },
    render: () => replicationResource(replication, version),
  });
}
