import "server-only";
/**
 * The probe stream (server only): `GET /api/probes/stream` as Server-Sent Events over the shared
 * probe loops of lib/probe. Event shapes for clients are in events.ts.
 */
export * from "@/lib/probe/shared/events";
export {
  probeStreamGet,
  DEFAULT_STREAM_INTERVAL_MS,
  type ProbeStreamRouteOptions,
} from "./response";
export {
  parseProbeStreamQuery,
  probeStreamQuerySchema,
  registryIdSchema,
  STREAM_MAX_INTERVAL_MS,
  STREAM_MIN_INTERVAL_MS,
  type ProbeStreamQuery,
} from "./query";
export {
  HEARTBEAT_MS,
  MAX_BUFFERED_BYTES,
  RECHECK_MS,
  probeEventStream,
  type ProbeStreamSetup,
} from "./stream";
export { sameTargets, streamTargets } from "./targets";
export { hubEpoch, thinning, voteInterval } from "./viewers";
