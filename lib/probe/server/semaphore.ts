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

  /** Resolves with a release function once a slot is free; call it exactly once. */
  async acquire(key = ""): Promise<() => void> {
    if (this.active < this.max) {
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
      // Over the limit after it was lowered: the slot is not handed on.
      const next = this.active <= this.max ? this.nextWaiter() : undefined;
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
