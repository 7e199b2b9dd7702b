import "server-only";
/**
 * The prober (server only): `GET /v2/` of every endpoint of a registry with phase timings,
 * verdicts in ACR's terms, a fair scheduler and rolling statistics. Start with `ProbeHub`.
 */
export * from "@/lib/probe/shared/types";
export {
  classify,
  PROBE_TIMEOUT,
  type Classification,
  type FailureStage,
  type ProbeOutcome,
} from "./classify";
export { parseWwwAuthenticate, type Challenge } from "./challenge";
export { parseRetryAfter } from "./retry-after";
export { throttleDelay, type BackoffPolicy } from "./backoff";
export {
  DEFAULT_WINDOW,
  MEASURING_UNTIL,
  RollingWindow,
  isLost,
  median,
  percentile,
  sortNumbers,
  windowStats,
  type StatInput,
} from "@/lib/probe/shared/stats";
export {
  DEFAULT_TIMEOUT_MS,
  HttpProber,
  PROBE_PATH,
  parseConnectTo,
  type ConnectTo,
  type HttpProberOptions,
  type ProbeCallOptions,
} from "./http-probe";
export {
  DEFAULT_CONCURRENCY,
  DEFAULT_MAX_ENDPOINTS,
  MAX_CONCURRENCY,
  MIN_CONCURRENCY,
  MIN_INTERVAL_MS,
  PROBE_CPU_MS,
  PROBE_WAIT_MS,
  ProbeScheduler,
  validateInterval,
  type ProbeFn,
  type ScheduledResult,
  type SchedulerOptions,
} from "./scheduler";
export { Semaphore } from "./semaphore";
export { SampleRing, type RecordedFields } from "./sample-store";
export {
  DEFAULT_HISTORY,
  DEFAULT_LINGER_MS,
  CAPACITY_RETRY_AFTER_S,
  ProbeHub,
  type ProbeHubOptions,
  type SampleListener,
  type SampleObserver,
  type SubscribeOptions,
} from "./hub";
export { targetsFromEndpoints, targetsFromRegistry } from "@/lib/probe/shared/targets";
export { sharedProbeHub } from "./shared-hub";
