import { PERMISSIONS_API_VERSIONS, checkApiVersion } from "./api-versions";
import type { ArmContext, ArmRequest, ArmResult } from "./context";
import { page } from "./paging";
import { ROLE_PERMISSIONS, rolesAt } from "./rbac";

/**
 * `GET {scope}/providers/Microsoft.Authorization/permissions`: one entry per role the caller holds
 * at the scope, with the role's actions. A caller without any role gets an empty list.
 */
export function listPermissions(ctx: ArmContext, req: ArmRequest, scope: string): ArmResult {
  checkApiVersion(req.url.searchParams, PERMISSIONS_API_VERSIONS);
  const items = rolesAt(req.principal, scope).map((role) => ({
    actions: [...ROLE_PERMISSIONS[role].actions],
    notActions: [...ROLE_PERMISSIONS[role].notActions],
    dataActions: [],
    notDataActions: [],
  }));
  // ARM lists a caller's permissions on one page.
  return { status: 200, body: page(items, req.url, ctx.baseUrl, Math.max(items.length, 1)) };
}
