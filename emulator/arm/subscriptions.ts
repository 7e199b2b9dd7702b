import { RESOURCES_API_VERSIONS, checkApiVersion } from "./api-versions";
import type { ArmContext, ArmRequest, ArmResult } from "./context";
import { armErrors } from "./errors";
import { page } from "./paging";
import { seesSubscription } from "./rbac";
import { findSubscription } from "../store/finders";
import type { SubscriptionState } from "../store/types";

function subscriptionResource(tenantId: string, s: SubscriptionState) {
  return {
    id: `/subscriptions/${s.subscriptionId}`,
    authorizationSource: "RoleBased",
    managedByTenants: [],
    subscriptionId: s.subscriptionId,
    tenantId,
    displayName: s.displayName,
    state: s.state,
    subscriptionPolicies: {
      locationPlacementId: "Public_2014-09-01",
      quotaId: "PayAsYouGo_2014-09-01",
      spendingLimit: "Off",
    },
  };
}

/** `GET /subscriptions`: the subscriptions in which the caller holds any role assignment. */
export function listSubscriptions(ctx: ArmContext, req: ArmRequest): ArmResult {
  checkApiVersion(req.url.searchParams, RESOURCES_API_VERSIONS);
  const state = ctx.store.state;
  const visible = state.subscriptions
    .filter((s) => seesSubscription(req.principal, s.subscriptionId))
    .map((s) => subscriptionResource(state.tenantId, s));
  const body = page(visible, req.url, ctx.baseUrl, ctx.config.pageSize);
  return { status: 200, body: { ...body, count: { type: "Total", value: visible.length } } };
}

/** `GET /subscriptions/{id}`: 404 also when the caller cannot see it, as ARM answers. */
export function getSubscription(ctx: ArmContext, req: ArmRequest, sub: string): ArmResult {
  checkApiVersion(req.url.searchParams, RESOURCES_API_VERSIONS);
  const state = ctx.store.state;
  const found = findSubscription(state, sub);
  if (!found || !seesSubscription(req.principal, found.subscriptionId)) {
    throw armErrors.subscriptionNotFound(sub);
  }
  return { status: 200, body: subscriptionResource(state.tenantId, found) };
}
