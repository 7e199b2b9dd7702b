import type { LroMode } from "../config";

import type { ArmContext, ArmRequest, ArmResult } from "./context";
import { armErrors } from "./errors";
import type { Operation, Outcome } from "./operations";

export interface Change {
  kind: "registries" | "replications";
  resourceId: string;
  apiVersion: string;
  /** Applies the requested change to the state (before the operation ends). */
  apply(): void;
  /** Restores what apply() changed. */
  undo(): void;
  setProvisioningState(state: "Updating" | "Succeeded" | "Failed" | "Canceled"): void;
  /** The resource as ARM returns it now. */
  render(): unknown;
}

function operationUrl(ctx: ArmContext, op: Operation): string {
  const kind = op.shape === "async" ? "operationStatuses" : "operationResults";
  return `${ctx.baseUrl}${op.resourceId}/${kind}/${op.id}?api-version=${op.apiVersion}`;
}

function retryAfter(ctx: ArmContext): Record<string, string> {
  return { "retry-after": String(ctx.config.lroRetryAfter) };
}

/**
 * Runs a PATCH as Azure does: synchronously (200 and the final resource), or as a long-running
 * operation with Azure-AsyncOperation (201 + the updating resource) or Location (202). The change
 * is visible at once with provisioningState Updating; an operation that ends Failed or Canceled
 * undoes it and leaves provisioningState Failed or Canceled.
 */
export function runPatch(ctx: ArmContext, req: ArmRequest, change: Change): ArmResult {
  if (ctx.operations.busy(change.resourceId)) throw armErrors.conflict(change.resourceId);
  const fault = ctx.faults.takeLroFault(req.method, req.rawPath);
  let shape: LroMode = fault?.lroMode ?? ctx.config.lroMode;
  const outcome: Outcome = fault?.lro ?? "Succeeded";
  // An operation that must fail needs a long-running shape to report it.
  if (shape === "sync" && outcome !== "Succeeded") shape = "async";

  change.apply();
  if (shape === "sync") {
    change.setProvisioningState("Succeeded");
    ctx.store.save();
    return { status: 200, body: change.render() };
  }
  change.setProvisioningState("Updating");
  ctx.store.save();
  const error =
    outcome === "Succeeded"
      ? undefined
      : {
          code:
            fault?.code ?? (outcome === "Canceled" ? "OperationCanceled" : "InternalServerError"),
          message:
            fault?.message ??
            (outcome === "Canceled" ? "The operation was canceled." : "The operation failed."),
        };
  const op = ctx.operations.start({
    kind: change.kind,
    resourceId: change.resourceId,
    apiVersion: change.apiVersion,
    shape,
    polls: ctx.config.lroPolls,
    outcome,
    error,
    failedHttpStatus: fault?.status && fault.status >= 400 ? fault.status : undefined,
    finish(end) {
      if (end !== "Succeeded") change.undo();
      change.setProvisioningState(
        end === "Succeeded" ? "Succeeded" : end === "Canceled" ? "Canceled" : "Failed",
      );
      ctx.store.save();
      req.audit?.ended(end, op.error ?? error);
    },
    render: change.render,
  });
  const url = operationUrl(ctx, op);
  if (shape === "location") {
    return { status: 202, headers: { location: url, ...retryAfter(ctx) } };
  }
  return {
    status: 201,
    body: change.render(),
    headers: { "azure-asyncoperation": url, ...retryAfter(ctx) },
  };
}

/** `GET {resource}/operationStatuses/{id}`: the Azure-AsyncOperation status document. */
export function asyncStatus(ctx: ArmContext, op: Operation, url: URL): ArmResult {
  ctx.operations.poll(op);
  const body = {
    id: url.pathname,
    name: op.id,
    status: op.status,
    startTime: op.startTime,
    ...(op.endTime ? { endTime: op.endTime } : {}),
    ...(op.status === "Failed" || op.status === "Canceled" ? { error: op.error } : {}),
  };
  const headers: Record<string, string> = op.status === "InProgress" ? retryAfter(ctx) : {};
  return { status: 200, body, headers };
}

/** `GET {resource}/operationResults/{id}`: 202 while running, then the resource (or the error). */
export function locationResult(ctx: ArmContext, op: Operation, url: URL): ArmResult {
  ctx.operations.poll(op);
  if (op.status === "InProgress") {
    return {
      status: 202,
      headers: {
        location: new URL(url.pathname + url.search, ctx.baseUrl).toString(),
        ...retryAfter(ctx),
      },
    };
  }
  if (op.status === "Succeeded") return { status: 200, body: op.render() };
  return { status: op.failedHttpStatus, body: { error: op.error } };
}
