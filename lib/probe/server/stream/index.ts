import "server-only";
/**
 * The probe stream (server only): `GET /api/probes/stream` as Server-Sent Events over the shared
 * probe loops of lib/probe/server. Event shapes for clients are in lib/probe/shared/events.ts.
 */
export * from "@/lib/probe/shared/events";
export { probeStreamGet, type ProbeStreamRouteOptions } from "./response";
export {
  parseProbeStreamQuery,
  probeStreamQuerySchema,
  registryIdSchema,
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
