import type { ArmContext, ArmRequest } from "../arm/context";
import { isAllowed, seesSubscription } from "../arm/rbac";
import type { Row } from "./kql";

/** The `read` action that lets a caller see a row of this (lowercase) type. */
const READ_ACTIONS: Record<string, string> = {
  "microsoft.containerregistry/registries": "Microsoft.ContainerRegistry/registries/read",
  "microsoft.containerregistry/registries/replications":
    "Microsoft.ContainerRegistry/registries/replications/read",
};

/**
 * Whether the caller may read rows, decided once per type and resource group: the emulator's
 * role assignments sit at `/`, a subscription or a resource group (seed.ts), so every resource
 * of a group gets the same answer. An assignment on a single resource is checked per row.
 */
function readCheck(req: ArmRequest): (row: Row) => boolean {
  const perResource = (req.principal?.assignments ?? []).some(
    (a) => a.scope.split("/").filter(Boolean).length > 4,
  );
  const memo = new Map<string, boolean>();
  return (row) => {
    const action = READ_ACTIONS[String(row.type)];
    if (action === undefined) return false;
    const id = String(row.id);
    if (perResource) return isAllowed(req.principal, action, id);
    const key =
      `${action}|${String(row.subscriptionId)}|${String(row.resourceGroup)}`.toLowerCase();
    let ok = memo.get(key);
    if (ok === undefined) {
      ok = isAllowed(req.principal, action, id);
      memo.set(key, ok);
    }
    return ok;
  };
}

/** The rows the caller may see in the scopes the request names. */
export function visibleRows(
  ctx: ArmContext,
  req: ArmRequest,
  rows: readonly Row[],
  subscriptions?: string[],
): Row[] {
  const state = ctx.store.state;
  const asked = subscriptions ? new Set(subscriptions.map((s) => s.toLowerCase())) : null;
  const seen = new Map<string, boolean>();
  const sees = (sub: string) => {
    let ok = seen.get(sub);
    if (ok === undefined) {
      ok =
        (!asked || asked.has(sub)) &&
        seesSubscription(req.principal, sub) &&
        state.subscriptions.some((s) => s.subscriptionId.toLowerCase() === sub);
      seen.set(sub, ok);
    }
    return ok;
  };
  const mayRead = readCheck(req);
  return rows.filter((row) => sees(String(row.subscriptionId).toLowerCase()) && mayRead(row));
}
