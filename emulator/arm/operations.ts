import { randomUUID } from "node:crypto";

export type OperationStatus = "InProgress" | "Succeeded" | "Failed" | "Canceled";
export type Outcome = Exclude<OperationStatus, "InProgress">;

/** An operation that nobody polls still ends, so a forgotten poller never locks a resource. */
export const OPERATION_TIMEOUT_MS = 30_000;

export interface Operation {
  id: string;
  resourceId: string;
  apiVersion: string;
  /** `async`: polled at operationStatuses (Azure-AsyncOperation); `location`: at operationResults (Location). */
  shape: "async" | "location";
  startTime: string;
  endTime?: string;
  status: OperationStatus;
  outcome: Outcome;
  error?: { code: string; message: string };
  /** HTTP status of a failed operation's Location poll. */
  failedHttpStatus: number;
  pollsLeft: number;
  deadline: number;
  /** Applies the outcome to the resource (provisioningState; undo of the change when it failed). */
  finish(outcome: Outcome): void;
  /** The resource as ARM returns it now (the final result of the Location shape). */
  render(): unknown;
}

export interface StartOperation {
  kind: "registries" | "replications";
  resourceId: string;
  apiVersion: string;
  shape: "async" | "location";
  polls: number;
  outcome: Outcome;
  error?: { code: string; message: string };
  failedHttpStatus?: number;
  finish(outcome: Outcome): void;
  render(): unknown;
}

/** Long-running operations in flight, keyed by id (not persisted: a restart ends them). */
export class OperationStore {
  private operations = new Map<string, Operation>();

  constructor(private readonly now: () => number = Date.now) {}

  start(input: StartOperation): Operation {
    const op: Operation = {
      id: `${input.kind}-${randomUUID()}`,
      resourceId: input.resourceId,
      apiVersion: input.apiVersion,
      shape: input.shape,
      startTime: new Date(this.now()).toISOString(),
      status: "InProgress",
      outcome: input.outcome,
      error: input.error,
      failedHttpStatus: input.failedHttpStatus ?? 500,
      pollsLeft: input.polls,
      deadline: this.now() + OPERATION_TIMEOUT_MS,
      finish: input.finish,
      render: input.render,
    };
    this.operations.set(op.id, op);
    return op;
  }

  get(id: string): Operation | undefined {
    return this.operations.get(id);
  }

  /** One poll: InProgress while polls are left, then the operation ends with its outcome. */
  poll(op: Operation): Operation {
    if (op.status !== "InProgress") return op;
    if (op.pollsLeft > 0 && this.now() < op.deadline) {
      op.pollsLeft -= 1;
      return op;
    }
    this.complete(op);
    return op;
  }

  /** Whether an operation is still running on this resource. */
  busy(resourceId: string): boolean {
    this.expire();
    const id = resourceId.toLowerCase();
    return [...this.operations.values()].some(
      (op) => op.status === "InProgress" && op.resourceId.toLowerCase() === id,
    );
  }

  /** Ends operations past their deadline. */
  expire(): void {
    const now = this.now();
    for (const op of this.operations.values()) {
      if (op.status === "InProgress" && now >= op.deadline) this.complete(op);
    }
  }

  clear(): void {
    this.operations.clear();
  }

  private complete(op: Operation): void {
    op.status = op.outcome;
    op.endTime = new Date(this.now()).toISOString();
    if (op.outcome !== "Succeeded" && !op.error) {
      op.error =
        op.outcome === "Canceled"
          ? { code: "OperationCanceled", message: "The operation was canceled." }
          : { code: "InternalServerError", message: "The operation failed." };
    }
    op.finish(op.outcome);
  }
}
