import type { ProbeSample, ProbeTarget } from "./types";
import type { ApiErrorBody } from "@/lib/types";

/**
 * The events of `GET /api/probes/stream` and their wire format (Server-Sent Events). Shared by
 * the route (which writes them) and the browser's reader (which parses them): types only here
 * and in the encoder, no server code.
 */

/** Where the probes run from: the console server, not the viewer's browser. */
export interface Vantage {
  /**
   * The name of the console server that sends the probes, as configured (`PROBE_VANTAGE_NAME`,
   * e.g. "eastus-prod"): never the machine's host name.
   */
  consoleHost: string;
  /** `emulator` when the data plane is the emulated one (RTTs are injected). */
  mode: "azure" | "emulator";
}

/** `event: targets`: first event of every connection, again when the registry's endpoints change. */
export interface TargetsEvent {
  registryId: string;
  registryName: string;
  /** The region the stream is pinned to, or null for every endpoint of the registry. */
  region: string | null;
  targets: ProbeTarget[];
  /** This viewer's interval: samples of a host are at least this far apart (failures excepted). */
  intervalMs: number;
  /** The interval the shared loop runs at (the smallest any current viewer asked for). */
  loopIntervalMs: number;
  vantage: Vantage;
  /** Server time of the event (ISO). */
  at: string;
}

/** Why the server ended a stream on purpose; the client reconnects (with its cursor) at once. */
export type EndReason = "token-expired" | "slow-consumer" | "server-shutdown";

/** `event: end`: the server closes this connection; reconnect with the last event id. */
export interface EndEvent {
  reason: EndReason;
  message: string;
}

/** `event: error`: the caller lost access (a periodic re-read of the registry failed); do not retry. */
export type ErrorEvent = ApiErrorBody;

/** Every event the stream sends; samples are the unnamed (`message`) events. */
export type ProbeStreamEvent =
  | { type: "sample"; id: string; sample: ProbeSample }
  | { type: "targets"; data: TargetsEvent }
  | { type: "end"; data: EndEvent }
  | { type: "error"; data: ErrorEvent };

/** The event id of a sample: `<hub epoch>:<seq>`, the cursor to resume after it. */
export function sampleEventId(epoch: string, seq: number): string {
  return `${epoch}:${seq}`;
}

/** One event in SSE wire format. JSON has no raw newlines, so `data` is one line. */
export function encodeEvent(event: ProbeStreamEvent): string {
  switch (event.type) {
    case "sample":
      return `id: ${event.id}\ndata: ${JSON.stringify(event.sample)}\n\n`;
    default:
      return `event: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`;
  }
}
