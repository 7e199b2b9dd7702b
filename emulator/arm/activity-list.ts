import { checkApiVersion } from "./api-versions";
import type { EventData } from "./activity-log";
import { matchesActivityFilter, parseActivityFilter } from "./activity-filter";
import type { ArmContext, ArmRequest, ArmResult } from "./context";
import { armErrors } from "./errors";
import { requireSubscription } from "./lookup";
import { page } from "./paging";
import { isAllowed, seesSubscription } from "./rbac";

export const ACTIVITY_LOG_API_VERSIONS = ["2015-04-01"];
export const ACTIVITY_READ = "Microsoft.Insights/eventtypes/values/read";

/** The names `$select` accepts, as the reference lists them (plus what the emulator fills). */
const SELECTABLE: readonly (keyof EventData)[] = [
  "authorization",
  "caller",
  "category",
  "claims",
  "correlationId",
  "description",
  "eventDataId",
  "eventName",
  "eventTimestamp",
  "httpRequest",
  "id",
  "level",
  "operationId",
  "operationName",
  "properties",
  "resourceGroupName",
  "resourceId",
  "resourceProviderName",
  "resourceType",
  "status",
  "subStatus",
  "submissionTimestamp",
  "subscriptionId",
  "tenantId",
];

function parseSelect(raw: string | null): (keyof EventData)[] | null {
  if (raw === null || raw.trim() === "") return null;
  return raw.split(",").map((name) => {
    const key = SELECTABLE.find((k) => k.toLowerCase() === name.trim().toLowerCase());
    if (!key) {
      throw armErrors.badRequest(
        "InvalidSelect",
        `The $select property '${name.trim()}' is not valid. Valid properties are: ${SELECTABLE.join(", ")}.`,
      );
    }
    return key;
  });
}

/**
 * `GET /subscriptions/{s}/providers/microsoft.insights/eventtypes/management/values`: the
 * subscription's Activity Log, newest first, filtered (activity-filter.ts), projected by
 * `$select`, paged with `nextLink`. A caller sees the events of resources it may read.
 */
export function listActivityLog(ctx: ArmContext, req: ArmRequest, sub: string): ArmResult {
  checkApiVersion(req.url.searchParams, ACTIVITY_LOG_API_VERSIONS);
  const filter = parseActivityFilter(req.url.searchParams.get("$filter"));
  const select = parseSelect(req.url.searchParams.get("$select"));
  const subscription = requireSubscription(ctx.store.state, sub);
  const scope = `/subscriptions/${subscription.subscriptionId}`;
  if (!seesSubscription(req.principal, subscription.subscriptionId)) {
    throw armErrors.authorizationFailed(req.callerId, ACTIVITY_READ, scope);
  }
  const events = ctx.activity
    .listed()
    .filter(
      (e) =>
        e.subscriptionId.toLowerCase() === subscription.subscriptionId.toLowerCase() &&
        isAllowed(req.principal, ACTIVITY_READ, e.resourceId) &&
        matchesActivityFilter(filter, {
          eventTimestamp: e.eventTimestamp,
          resourceGroupName: e.resourceGroupName,
          resourceId: e.resourceId,
          resourceProvider: e.resourceProviderName.value,
          correlationId: e.correlationId,
        }),
    )
    .map((e) =>
      select ? Object.fromEntries(select.map((k) => [k, e[k]])) : (e as unknown as object),
    );
  return {
    status: 200,
    body: page(events, req.url, ctx.baseUrl, ctx.config.activityPageSize),
  };
}
