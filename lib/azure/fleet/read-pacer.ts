import "server-only";

/**
 * Paces ARM reads inside ARM's read bucket (ACR-FACTS.md: 250 reads refilling 25 per second per
 * principal), a little below it to leave room for the console's other reads by the same user. A
 * 429 that comes anyway pauses every read of the pacer for its Retry-After.
 */
export class ReadPacer {
  private tokens: number;
  private at: number;
  private pausedUntil = 0;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    readonly capacity = 240,
    readonly refillPerSecond = 24,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) =>
      new Promise((resolve) => setTimeout(resolve, ms)),
  ) {
    this.tokens = capacity;
    this.at = now();
  }

  /** Resolves when one more read may be sent; callers are served in order. */
  take(): Promise<void> {
    const turn = this.queue.then(() => this.waitForToken());
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** ARM answered 429: no read of this pacer goes out for `seconds`. */
  pause(seconds: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + seconds * 1000);
    this.tokens = 0;
    this.at = this.now();
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(
      this.capacity,
      this.tokens + ((now - this.at) / 1000) * this.refillPerSecond,
    );
    this.at = now;
  }

  private async waitForToken(): Promise<void> {
    for (;;) {
      const paused = this.pausedUntil - this.now();
      if (paused > 0) {
        await this.sleep(paused);
        continue;
      }
      this.refill();
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await this.sleep(Math.ceil(((1 - this.tokens) / this.refillPerSecond) * 1000));
    }
  }
}
