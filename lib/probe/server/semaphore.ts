import "server-only";
/**
 * A counting semaphore that bounds how many probes run at once across loops, fair between keys:
 * waiters queue per key (the caller a probe runs for), and a freed slot goes to the key that has
 * waited longest since it was last served (round robin), so a caller with hundreds of queued
 * probes delays another caller's probe by at most one of theirs per key. One key is plain FIFO.
 * Waiters come in two classes: a freed slot goes to a `first` waiter (a probe on an open
 * connection, a fraction of a millisecond of CPU) before any other (one that opens a connection,
 * several times that), so endpoints already connected keep their schedule while many new ones
 * connect; within a class, keys take turns as above.
 */
export class Semaphore {
  private active = 0;
  /** Waiters per class and key; a map's order is its round-robin order (served keys go last). */
  private readonly queues = new Map<string, (() => void)[]>();
  private readonly firstQueues = new Map<string, (() => void)[]>();

  constructor(private max: number) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError("limit must be an integer >= 1");
  }

  get limit(): number {
    return this.max;
  }

  /**
   * Changes the number of slots: a higher limit hands the new slots to waiters at once; a lower
   * one takes effect as slots are released (nothing running is interrupted).
   */
  setLimit(limit: number): void {
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError("limit must be an integer >= 1");
    this.max = limit;
    while (this.active < this.max) {
      const next = this.nextWaiter();
      if (!next) break;
      this.active++;
      next();
    }
  }

  /**
   * Resolves with a release function once a slot is free; call it exactly once. `first`: served
   * before every waiter without it.
   */
  async acquire(key = "", first = false): Promise<() => void> {
    if (this.active < this.max) {
      this.active++;
    } else {
      // The slot is handed over by release(), so `active` already counts this waiter.
      const queues = first ? this.firstQueues : this.queues;
      await new Promise<void>((resolve) => {
        const queue = queues.get(key);
        if (queue) queue.push(resolve);
        else queues.set(key, [resolve]);
      });
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // Over the limit after it was lowered: the slot is not handed on.
      const next = this.active <= this.max ? this.nextWaiter() : undefined;
      if (next) next();
      else this.active--;
    };
  }

  private nextWaiter(): (() => void) | undefined {
    return takeTurn(this.firstQueues) ?? takeTurn(this.queues);
  }

  /** Slots in use. */
  get inUse(): number {
    return this.active;
  }

  /** Callers waiting for a slot. */
  get queued(): number {
    let count = 0;
    for (const queue of [...this.firstQueues.values(), ...this.queues.values()])
      count += queue.length;
    return count;
  }
}

/** The next waiter of the key whose turn it is; that key moves to the back of the turns. */
function takeTurn(queues: Map<string, (() => void)[]>): (() => void) | undefined {
  for (const [key, queue] of queues) {
    const waiter = queue.shift();
    queues.delete(key);
    if (queue.length > 0) queues.set(key, queue);
    if (waiter) return waiter;
  }
  return undefined;
}
