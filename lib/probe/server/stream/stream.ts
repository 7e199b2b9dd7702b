import "server-only";
import { sseBody, type SseChannel } from "@/lib/api/sse";
import { ApiError } from "@/lib/errors";
import { registerStream } from "@/lib/lifecycle/state";
import type { ProbeHub, ProbeSample, ProbeTarget } from "@/lib/probe/server";
import {
  encodeEvent,
  type EndReason,
  type ProbeStreamEvent,
  type TargetsEvent,
} from "@/lib/probe/shared/events";
import type { StreamCursor } from "./query";
import { sampleEventText } from "./sample-event";
import { sameTargets } from "./targets";
import { hubEpoch, thinning, voteInterval } from "./viewers";

/** A comment line this often keeps proxies from closing an idle stream and lets clients see it is alive. */
export const HEARTBEAT_MS = 15_000;
/** How often the caller's read access to the registry is checked again at ARM. */
export const RECHECK_MS = 5 * 60_000;
/** Bytes a client may leave unread before the server drops it (it resumes with its cursor). */
export const MAX_BUFFERED_BYTES = 1 << 20;
/** The `retry:` hint for EventSource clients. */
const RETRY_HINT_MS = 3_000;

export interface ProbeStreamSetup {
  hub: ProbeHub;
  /** The hub group: the registry's ARM id (lowercase), which the loops' interval belongs to. */
  group: string;
  /** The first targets event, without the interval fields (the stream fills them). */
  meta: Omit<TargetsEvent, "intervalMs" | "loopIntervalMs" | "at">;
  intervalMs: number;
  /** Send each sample's remote address (the pinned view); otherwise it is sent as null. */
  includeAddresses?: boolean;
  /** Whom the samples are for (the caller's identity): the hub's fair share of probe slots. */
  owner?: string;
  /** Called once when the stream closes, however it closes. */
  onClose?: () => void;
  since?: StreamCursor;
  /** The request's signal: aborted when the client goes away. */
  signal: AbortSignal;
  /**
   * Held while the stream is open, normally the Request: undici's `request.signal` follows the
   * client's abort through a weak reference, so a Request collected early never aborts.
   */
  keepAlive?: object;
  /**
   * Reads the registry again with the caller's token and returns its current targets; throws the
   * ApiError ARM's answer maps to (403 or 404 once the caller lost access).
   */
  recheck: () => Promise<ProbeTarget[]>;
  recheckEveryMs?: number;
  /** When the caller's token expires (ms since the epoch): the stream ends there. */
  closeAt?: number;
  heartbeatMs?: number;
}

/**
 * The body of one probe stream: subscribes to the shared loops of the targets, replays what the
 * client missed (after its cursor) or the kept recent samples, then sends each new sample as it
 * comes, thinned to this viewer's interval. Sends heartbeats, re-reads the registry with the
 * caller's token every few minutes (ending with `event: error` once ARM refuses, following
 * endpoint changes otherwise), ends at the token's expiry, and unsubscribes as soon as the client
 * goes away.
 */
export function probeEventStream(setup: ProbeStreamSetup): ReadableStream<Uint8Array> {
  const { hub, group } = setup;
  const epoch = hubEpoch(hub);
  const pass = thinning(setup.intervalMs);
  let targets = setup.meta.targets;
  let lastSeq = setup.since && setup.since.epoch === epoch ? setup.since.seq : undefined;
  let unsubscribe: (() => void) | undefined;
  let withdrawVote: (() => void) | undefined;
  let unregister: (() => void) | undefined;
  let rechecker: ReturnType<typeof setInterval> | undefined;
  let rechecking = false;
  let channel!: SseChannel;

  const send = (event: ProbeStreamEvent) => channel.write(encodeEvent(event));
  const endEvent = (reason: EndReason, message: string) =>
    encodeEvent({ type: "end", data: { reason, message } });
  const fail = (error: ApiError) =>
    channel.end(encodeEvent({ type: "error", data: error.toBody() }));

  const onSample = (sample: ProbeSample) => {
    if (channel.closed || !pass(sample)) return;
    lastSeq = sample.seq;
    channel.write(sampleEventText(epoch, sample, setup.includeAddresses === true));
  };

  const sendTargets = () =>
    send({
      type: "targets",
      data: {
        ...setup.meta,
        targets,
        intervalMs: setup.intervalMs,
        loopIntervalMs: hub.intervalOf(group),
        at: new Date().toISOString(),
      },
    });

  const subscribe = (replay: "recent" | number) => {
    try {
      unsubscribe = hub.subscribe(group, targets, onSample, { replay, owner: setup.owner });
    } catch (error) {
      // The hub is at its endpoint cap (admission checks it first, but streams race): say so.
      if (!(error instanceof ApiError)) throw error;
      fail(error);
    }
  };

  const recheck = async () => {
    if (channel.closed || rechecking) return;
    rechecking = true;
    try {
      const current = await setup.recheck();
      if (channel.closed || sameTargets(current, targets)) return;
      // Endpoints changed (e.g. regional endpoints switched): follow ARM without a reconnect.
      unsubscribe?.();
      targets = current;
      sendTargets();
      subscribe(lastSeq ?? 0);
    } catch (error) {
      if (channel.closed) return;
      const denied =
        error instanceof ApiError &&
        error.status >= 400 &&
        error.status < 500 &&
        error.status !== 408 &&
        error.status !== 429;
      // A throttled or failing ARM is not a lost permission: keep streaming, check again later.
      if (denied) fail(error);
    } finally {
      rechecking = false;
    }
  };

  return sseBody({
    signal: setup.signal,
    keepAlive: setup.keepAlive,
    retryMs: RETRY_HINT_MS,
    heartbeatMs: setup.heartbeatMs ?? HEARTBEAT_MS,
    maxBufferedBytes: MAX_BUFFERED_BYTES,
    overflowEvent: endEvent(
      "slow-consumer",
      "The client read too slowly; reconnect with the last event id.",
    ),
    closeAt: setup.closeAt,
    expiryEvent: endEvent("token-expired", "The bearer token expired; reconnect with a new one."),
    start(c) {
      channel = c;
      // A server shutdown tells this client to reconnect (to another instance) and closes.
      unregister = registerStream((reason, message) => channel.end(endEvent(reason, message)));
      withdrawVote = voteInterval(hub, group, setup.intervalMs);
      sendTargets();
      subscribe(lastSeq ?? "recent");
      if (channel.closed) return;
      rechecker = setInterval(() => void recheck(), setup.recheckEveryMs ?? RECHECK_MS);
    },
    onClose() {
      unsubscribe?.();
      withdrawVote?.();
      unregister?.();
      clearInterval(rechecker);
      setup.onClose?.();
    },
  });
}
