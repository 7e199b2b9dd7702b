import { resolve } from "node:path";
import { REGION_COORDINATES } from "./vantages/geo";
import { parseVantageNames } from "./vantages";

/** How the emulator runs; read once from the environment at start. */
export interface EmulatorConfig {
  /** HTTPS port of ARM, identity and control (0 = any free port). */
  port: number;
  /** Port of the registry data plane (0 = any free port). */
  dataPort: number;
  /**
   * The data plane listens on 443 as well (EMULATOR_DATA_443=1), so that `docker`, `curl` and
   * other clients reach `https://<login server>/` through a host mapping alone. Unset: off.
   */
  dataPlaneOn443?: boolean;
  /** Absolute path of the state directory (CA, keys, state.json, endpoints.json). */
  stateDir: string;
  /** ARM read throttling: bucket size per caller and refill per second. */
  readsCapacity: number;
  readsRefillPerSecond: number;
  /** Items per page of every ARM list. */
  pageSize: number;
  /** How many polls of an async operation answer InProgress before it ends. */
  lroPolls: number;
  /** `async` answers a PATCH with 201 + Azure-AsyncOperation, `location` with 202 + Location, `sync` with 200. */
  lroMode: LroMode;
  /** Retry-After (seconds) sent with long-running operations. */
  lroRetryAfter: number;
  /** Lag before a digest pushed to one replica reaches the others. */
  replicationLagMs: number;
  /** Events per page of the Activity Log list (small by default, so clients page). */
  activityPageSize: number;
  /** How long after it happens an Activity Log event can be listed (Azure's ingestion delay). */
  activityDelayMs: number;
  /** Vantage points (region names), each with its own data-plane address (EMULATOR_VANTAGES). */
  vantages: string[];
}

export type LroMode = "async" | "location" | "sync";

type Env = Record<string, string | undefined>;

function intFrom(env: Env, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min) {
    throw new Error(`${name} must be a number >= ${min}, got "${raw}"`);
  }
  return value;
}

function lroModeFrom(raw: string | undefined): LroMode {
  const mode = (raw ?? "async").trim().toLowerCase();
  if (mode === "async" || mode === "location" || mode === "sync") return mode;
  throw new Error(`EMULATOR_LRO_MODE must be async, location or sync, got "${raw}"`);
}

function flagFrom(env: Env, name: string): boolean {
  const raw = (env[name] ?? "").trim().toLowerCase();
  if (raw === "" || raw === "0" || raw === "false") return false;
  if (raw === "1" || raw === "true") return true;
  throw new Error(`${name} must be 1, true, 0 or false, got "${env[name]}"`);
}

export function loadConfig(env: Env = process.env): EmulatorConfig {
  return {
    port: intFrom(env, "EMULATOR_PORT", 8443),
    dataPort: intFrom(env, "EMULATOR_DATA_PORT", 8444),
    ...(flagFrom(env, "EMULATOR_DATA_443") ? { dataPlaneOn443: true } : {}),
    stateDir: resolve(env.EMULATOR_DIR ?? ".emulator"),
    readsCapacity: intFrom(env, "EMULATOR_READS_CAPACITY", 250, 1),
    readsRefillPerSecond: intFrom(env, "EMULATOR_READS_REFILL", 25),
    pageSize: intFrom(env, "EMULATOR_PAGE_SIZE", 2, 1),
    lroPolls: intFrom(env, "EMULATOR_LRO_POLLS", 0),
    lroMode: lroModeFrom(env.EMULATOR_LRO_MODE),
    lroRetryAfter: intFrom(env, "EMULATOR_LRO_RETRY_AFTER", 0),
    replicationLagMs: intFrom(env, "EMULATOR_REPLICATION_LAG_MS", 3000),
    activityPageSize: intFrom(env, "EMULATOR_ACTIVITY_PAGE_SIZE", 5, 1),
    activityDelayMs: intFrom(env, "EMULATOR_ACTIVITY_DELAY_MS", 0),
    vantages: parseVantageNames(env.EMULATOR_VANTAGES, (name) =>
      Object.hasOwn(REGION_COORDINATES, name),
    ),
  };
}
