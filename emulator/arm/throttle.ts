/**
 * ARM's read throttling: a token bucket per caller (object id) that holds `capacity` reads and
 * refills `refillPerSecond` reads per second.
 */
export class ReadThrottle {
  private buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly capacity: number,
    private readonly refillPerSecond: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one read; `ok: false` carries the seconds until one is available again. */
  take(caller: string): { ok: true; remaining: number } | { ok: false; retryAfter: number } {
    const now = this.now();
    const bucket = this.buckets.get(caller) ?? { tokens: this.capacity, at: now };
    const refilled = Math.min(
      this.capacity,
      bucket.tokens + ((now - bucket.at) / 1000) * this.refillPerSecond,
    );
    if (refilled < 1) {
      this.buckets.set(caller, { tokens: refilled, at: now });
      const retryAfter =
        this.refillPerSecond > 0
          ? Math.max(1, Math.ceil((1 - refilled) / this.refillPerSecond))
          : 60;
      return { ok: false, retryAfter };
    }
    this.buckets.set(caller, { tokens: refilled - 1, at: now });
    return { ok: true, remaining: Math.floor(refilled - 1) };
  }

  clear(): void {
    this.buckets.clear();
  }
}
