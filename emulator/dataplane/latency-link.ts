import { Duplex } from "node:stream";
import type { Socket } from "node:net";
import { performance } from "node:perf_hooks";

/** What the link does with a client chunk, decided when the chunk arrives. */
export interface LinkCondition {
  /** One-way delay to apply to client-to-server bytes (the whole RTT: answers are not delayed). */
  delayMs: number;
  /** The region went down: the connection is reset once the chunk would have arrived. */
  down: boolean;
}

/** How long before a delivery the timer hands over to the event loop. */
const SPIN_MS = 1.5;
/**
 * Chunk arrivals a second (over every link of the process) above which the last stretch is left
 * to the timer. Waiting on the event loop keeps it busy without sleeping for SPIN_MS before each
 * delivery: at 1,500 requests a second the loop would never sleep, taking a core from whatever
 * shares the machine (a console probing this emulator). Below this rate (a few pages, a test's
 * probes) it is busy less than a third of the time and the delay is met to ~0.1 ms; above it the
 * timer alone is late by up to ~1 ms.
 */
export const SPIN_MAX_PER_SECOND = 200;

/**
 * Counts chunk arrivals per second of the monotonic clock and tells whether waiting out their
 * last stretch on the event loop is affordable: the rate of this second and of the one before
 * are both under `maxPerSecond`.
 */
export class SpinGate {
  private second = -1;
  private count = 0;
  private previous = 0;

  constructor(private readonly maxPerSecond = SPIN_MAX_PER_SECOND) {}

  /** Records one arrival at `nowMs` and answers whether its delivery may spin. */
  arrive(nowMs: number): boolean {
    const second = Math.floor(nowMs / 1000);
    if (second !== this.second) {
      this.previous = second === this.second + 1 ? this.count : 0;
      this.second = second;
      this.count = 0;
    }
    this.count++;
    return this.count <= this.maxPerSecond && this.previous <= this.maxPerSecond;
  }
}

/** One gate for the process: the event loop the links share. */
const sharedGate = new SpinGate();

/** `spin`: the last stretch before `at` may be waited out on the event loop. */
type Item = { at: number; spin: boolean } & ({ chunk: Buffer } | { end: true } | { reset: true });

/**
 * A duplex in front of a raw TCP socket that delivers every client-to-server chunk at its arrival
 * time plus the region's RTT (in order, so chunks of one flight share the same delay instead of
 * adding up), and passes server-to-client bytes straight through. The TLS server reads from it,
 * so a TLS 1.3 handshake costs one RTT and each request on a warm connection one RTT.
 *
 * One timer per connection at most; no per-byte work. The last SPIN_MS before a delivery are
 * waited out on the event loop while `gate` allows it (few arrivals a second).
 */
export function latencyLink(
  raw: Socket,
  condition: () => LinkCondition,
  early: { at: number; chunk: Buffer }[],
  gate: SpinGate = sharedGate,
): Duplex {
  const queue: Item[] = [];
  let timer: NodeJS.Timeout | null = null;
  let spin: NodeJS.Immediate | null = null;
  let lastAt = 0;

  const link = new Duplex({
    read() {},
    write(chunk: Buffer, _encoding, callback) {
      if (raw.destroyed) callback(new Error("socket closed"));
      else raw.write(chunk, callback);
    },
    final(callback) {
      raw.end();
      callback();
    },
    destroy(error, callback) {
      if (timer) clearTimeout(timer);
      if (spin) clearImmediate(spin);
      timer = null;
      spin = null;
      queue.length = 0;
      if (!raw.destroyed) raw.destroy();
      callback(error);
    },
  });

  const deliver = (item: Item) => {
    if ("chunk" in item) link.push(item.chunk);
    else if ("end" in item) link.push(null);
    else {
      raw.resetAndDestroy();
      link.destroy();
    }
  };

  const flush = () => {
    timer = null;
    spin = null;
    const now = performance.now();
    while (queue.length > 0 && queue[0]!.at <= now) deliver(queue.shift()!);
    if (queue.length > 0 && !link.destroyed) schedule(queue[0]!, now);
  };

  // Timers have millisecond granularity and fire up to ~1 ms late; the last stretch before a
  // delivery is waited out on the event loop instead (when the gate allowed it at arrival), so
  // the injected RTT is met within ~0.1 ms. Either way a chunk is never delivered early.
  const schedule = (next: Item, now: number) => {
    const waitMs = next.at - now;
    if (!next.spin) timer = setTimeout(flush, waitMs);
    else if (waitMs > SPIN_MS) timer = setTimeout(flush, waitMs - SPIN_MS);
    else spin = setImmediate(flush);
  };

  const enqueue = (item: Item) => {
    // Order is kept even if the RTT was lowered between two chunks.
    item.at = Math.max(item.at, lastAt);
    lastAt = item.at;
    if (queue.length === 0 && item.at <= performance.now()) {
      deliver(item);
      return;
    }
    queue.push(item);
    if (!timer && !spin) schedule(item, performance.now());
  };

  const arrive = (arrivedAt: number, what: { chunk: Buffer } | { end: true }) => {
    const { delayMs, down } = condition();
    const at = arrivedAt + delayMs;
    const spin = gate.arrive(performance.now());
    enqueue(down ? { at, spin, reset: true } : { at, spin, ...what });
  };

  for (const e of early) arrive(e.at, { chunk: e.chunk });
  raw.on("data", (chunk: Buffer) => arrive(performance.now(), { chunk }));
  raw.on("end", () => arrive(performance.now(), { end: true }));
  raw.on("error", () => link.destroy());
  raw.on("close", () => {
    // Bytes still in flight are lost with the connection, as on a real link.
    if (!link.destroyed) link.destroy();
  });
  // The socket was paused while its ClientHello was read.
  raw.resume();
  return link;
}
