import "server-only";
import { currentRequestContext } from "./context";
import { logger } from "./logger";

/** A change the console makes in ARM on a user's behalf. */
export interface ChangeRecord {
  /** Who asked: the caller's object id and sign-in name (never the token). */
  who: { objectId?: string; username?: string; tenantId: string };
  /** What: the setting, the ARM resource it belongs to and the value asked for. */
  what: {
    setting: "regionalEndpoints" | "globalEndpointRouting";
    resourceId: string;
    value: string | boolean;
  };
}

/** How the change ended: ARM's answer (status, code, request id) when it did not succeed. */
export type ChangeResult =
  | { result: "succeeded" }
  | {
      result: "failed";
      error: { status: number; code: string; requestId?: string; operationStatus?: string };
    };

/**
 * Runs a change and writes its audit line: who, what, the result, and ARM's request and
 * correlation ids of the calls the change made (write, status polls, read), which is what
 * Azure's Activity Log and Azure support know the change by.
 */
export async function loggedChange<T>(
  record: ChangeRecord,
  run: () => Promise<T>,
  describeFailure: (error: unknown) => Extract<ChangeResult, { result: "failed" }>["error"],
): Promise<T> {
  const context = currentRequestContext();
  const firstId = context?.armRequestIds.length ?? 0;
  const firstCall = context?.armCalls ?? 0;
  const write = (outcome: ChangeResult) => {
    const line = {
      event: "switch-change",
      ...record,
      ...outcome,
      armCalls: (context?.armCalls ?? 0) - firstCall,
      armRequestIds: context?.armRequestIds.slice(firstId) ?? [],
      armCorrelationIds: context?.armCorrelationIds ?? [],
    };
    if (outcome.result === "succeeded") logger().info(line, "switch change succeeded");
    else logger().warn(line, "switch change failed");
  };
  try {
    const value = await run();
    write({ result: "succeeded" });
    return value;
  } catch (error) {
    write({ result: "failed", error: describeFailure(error) });
    throw error;
  }
}
