import "server-only";
import type { Caller } from "../auth/server/verify-token";
import { toApiError } from "../azure/errors";
import { ApiError } from "../errors";
import { trackChange } from "../lifecycle/state";
import { loggedChange, type ChangeRecord } from "../log/change-log";

/**
 * Runs one switch change for a route: refused while the server shuts down, waited for by a
 * shutdown once started, and recorded in the console's log (who, what, result, ARM's ids).
 */
export function runSwitchChange<T>(
  caller: Caller,
  what: ChangeRecord["what"],
  change: () => Promise<T>,
): Promise<T> {
  const who = { objectId: caller.objectId, username: caller.username, tenantId: caller.tenantId };
  return trackChange(() =>
    loggedChange({ who, what }, change, (error) => {
      const mapped = toApiError(error);
      const e = mapped instanceof ApiError ? mapped : ApiError.internal();
      const details = (e.details ?? {}) as { operationStatus?: string };
      return {
        status: e.status,
        code: e.code,
        ...(e.requestId ? { requestId: e.requestId } : {}),
        ...(details.operationStatus ? { operationStatus: details.operationStatus } : {}),
      };
    }),
  );
}
