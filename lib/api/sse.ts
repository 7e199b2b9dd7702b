import "server-only";

/** The headers of every Server-Sent Events answer. */
export const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  // no-transform: a compressing proxy would hold events back until its buffer fills.
  "cache-control": "no-store, no-transform",
  "x-accel-buffering": "no",
} as const;

const MAX_TIMER_MS = 2 ** 31 - 1;
/** Bytes queued in the stream before it signals backpressure (the overflow limit is separate). */
const HIGH_WATER_BYTES = 64 * 1024;

/** The writing end of one event stream. */
export interface SseChannel {
  /**
   * Queues SSE text. What is written in one turn of the event loop goes out as one chunk (a
   * replay of hundreds of events, the samples of one round), not one chunk per event.
   */
  write(text: string): void;
  /** Sends what is queued and then `last`, and closes the stream. */
  end(last?: string): void;
  readonly closed: boolean;
}

export interface SseBodyOptions {
  /** The request's signal: aborted when the client goes away. */
  signal: AbortSignal;
  /**
   * Held while the stream is open, normally the Request: undici's `request.signal` follows the
   * client's abort through a weak reference, so a Request collected early never aborts.
   */
  keepAlive?: object;
  /** The `retry:` hint for EventSource clients, sent first. */
  retryMs: number;
  /** A comment line this often keeps proxies from closing an idle stream. */
  heartbeatMs: number;
  /** Bytes a client may leave unread; past them the stream ends with `overflowEvent`. */
  maxBufferedBytes: number;
  overflowEvent?: string;
  /** When the stream ends (the caller's token expires, ms since the epoch), with `expiryEvent`. */
  closeAt?: number;
  expiryEvent?: string;
  /** Called once the stream is open: start writing. */
  start(channel: SseChannel): void;
  /** Called once when the stream closes, however it closes. */
  onClose?(): void;
}

/**
 * The body of a Server-Sent Events answer: writes batched per event-loop turn, heartbeats, an end
 * at the token's expiry, a bound on what a slow client leaves unread, and one cleanup when the
 * client leaves, the server ends it or a write fails.
 */
export function sseBody(options: SseBodyOptions): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const held: { value?: object } = { value: options.keepAlive };
  const timers: ReturnType<typeof setTimeout>[] = [];
  let pending: string[] = [];
  let flushing: ReturnType<typeof setImmediate> | undefined;
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let closed = false;

  const cleanup = () => {
    if (closed) return;
    closed = true;
    pending = [];
    clearImmediate(flushing);
    for (const timer of timers) clearTimeout(timer);
    options.signal.removeEventListener("abort", abort);
    held.value = undefined;
    options.onClose?.();
  };
  const abort = () => {
    cleanup();
    try {
      controller.close();
    } catch {
      // Already closed or errored by the runtime.
    }
  };
  /** Hands the queued text to the stream; false when the client is gone. */
  const enqueue = (): boolean => {
    flushing = undefined;
    if (pending.length === 0) return true;
    const text = pending.length === 1 ? (pending[0] as string) : pending.join("");
    pending = [];
    try {
      controller.enqueue(encoder.encode(text));
      return true;
    } catch {
      abort();
      return false;
    }
  };
  const flush = () => {
    if (closed || !enqueue()) return;
    if ((controller.desiredSize ?? 0) < -options.maxBufferedBytes)
      channel.end(options.overflowEvent);
  };
  const channel: SseChannel = {
    write(text) {
      if (closed) return;
      pending.push(text);
      flushing ??= setImmediate(flush);
    },
    end(last) {
      if (closed) return;
      clearImmediate(flushing);
      if (last !== undefined) pending.push(last);
      if (enqueue()) abort();
    },
    get closed() {
      return closed;
    },
  };

  return new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
        if (options.signal.aborted) return abort();
        options.signal.addEventListener("abort", abort);
        channel.write(`retry: ${options.retryMs}\n\n`);
        const heartbeat = setInterval(
          () => channel.write(`: heartbeat ${new Date().toISOString()}\n\n`),
          options.heartbeatMs,
        );
        timers.push(heartbeat);
        if (options.closeAt !== undefined) {
          const wait = Math.min(Math.max(options.closeAt - Date.now(), 0), MAX_TIMER_MS);
          timers.push(setTimeout(() => channel.end(options.expiryEvent), wait));
        }
        options.start(channel);
      },
      cancel() {
        cleanup();
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: HIGH_WATER_BYTES }),
  );
}
