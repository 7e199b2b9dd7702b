import type { EmulatorConfig } from "../config";
import type { Store } from "../contracts";
import type { PrincipalState } from "../store/types";
import type { ActivityLog, WriteAudit } from "./activity-log";
import type { FaultList } from "./faults";
import type { OperationStore } from "./operations";

/** What every ARM handler gets: the emulator's parts and the authenticated request. */
export interface ArmContext {
  store: Store;
  config: EmulatorConfig;
  /** `https://localhost:<port>`: the origin of absolute URLs (nextLink, operation URLs). */
  baseUrl: string;
  faults: FaultList;
  operations: OperationStore;
  /** The Activity Log every write is recorded in. */
  activity: ActivityLog;
}

export interface ArmRequest {
  method: string;
  url: URL;
  /** Path and query exactly as received (fault matching, logging). */
  rawPath: string;
  /** Path segments, decoded. */
  segments: string[];
  body: unknown;
  callerId: string;
  principal: PrincipalState | undefined;
  /** A write's Activity Log record: a long-running operation reports its end to it. */
  audit?: WriteAudit;
}

export interface ArmResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}
