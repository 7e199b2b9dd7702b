/**
 * Resource Graph's per-user quota: `quota` queries in a window of `windowMs` that starts with the
 * first query after the previous window ended; every query (each page included) counts.
 */
export class GraphQuota {
  private windows = new Map<string, { start: number; used: number }>();

  constructor(
    private readonly quota: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  take(caller: string): { ok: boolean; remaining: number; resetsAfterMs: number } {
    const now = this.now();
    let window = this.windows.get(caller);
    if (!window || now >= window.start + this.windowMs) {
      window = { start: now, used: 0 };
      this.windows.set(caller, window);
    }
    const resetsAfterMs = window.start + this.windowMs - now;
    if (window.used >= this.quota) return { ok: false, remaining: 0, resetsAfterMs };
    window.used += 1;
    return { ok: true, remaining: this.quota - window.used, resetsAfterMs };
  }

  clear(): void {
    this.windows.clear();
  }
}

/** `hh:mm:ss`, the format of `x-ms-user-quota-resets-after` (rounded up to whole seconds). */
export function formatResetsAfter(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hh = String(Math.floor(total / 3600)).padStart(2, "0");
  const mm = String(Math.floor((total % 3600) / 60)).padStart(2, "0");
  const ss = String(total % 60).padStart(2, "0");
  return `${hh}:${mm}:${ss}`;
}
