import "server-only";
/**
 * A counting semaphore that bounds how many probes run at once across loops, fair between keys:
 * waiters queue per key (the caller a probe runs for), and a freed slot goes to the key that has
 * waited longest since it was last served (round robin), so a caller with hundreds of queued
 * probes delays another caller's probe by at most one of theirs per key. One key is plain FIFO.
 */
export class Semaphore {
  private active = 0;
  /** Waiters per key; the map's order is the round-robin order (served keys move to the back). */
  private readonly queues = new Map<string, (() => void)[]>();

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError("limit must be an integer >= 1");
  }

  /** Resolves with a release function once a slot is free; call it exactly once. */
  async acquire(key = ""): Promise<() => void> {
    if (this.active < this.limit) {
      this.active++;
    } else {
      // The slot is handed over by release(), so `active` already counts this waiter.
      await new Promise<void>((resolve) => {
        const queue = this.queues.get(key);
        if (queue) queue.push(resolve);
        else this.queues.set(key, [resolve]);
      });
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.nextWaiter();
      if (next) next();
      else this.active--;
    };
  }

  private nextWaiter(): (() => void) | undefined {
    for (const [key, queue] of this.queues) {
      const waiter = queue.shift();
      this.queues.delete(key);
      if (queue.length > 0) this.queues.set(key, queue);
      if (waiter) return waiter;
    }
    return undefined;
  }

  /** Slots in use. */
  get inUse(): number {
    return this.active;
  }

  /** Callers waiting for a slot. */
  get queued(): number {
    let count = 0;
    for (const queue of this.queues.values()) count += queue.length;
    return count;
  }
}
