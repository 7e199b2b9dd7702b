import type { RequestLog, RequestLogEntry } from "../contracts";

/**
 * In-memory request log shared by every plane; the oldest entries go first past `limit`. A ring:
 * adding an entry costs the same however full the log is (the data plane adds one per probe,
 * thousands a second under a benchmark; copying the whole log past the limit took most of the
 * emulator's CPU).
 */
export function createRequestLog(limit = 20_000): RequestLog {
  let ring: RequestLogEntry[] = [];
  /** Where the next entry goes once the ring is full (then also the oldest entry). */
  let next = 0;
  return {
    add(entry) {
      if (ring.length < limit) {
        ring.push(entry);
        return;
      }
      ring[next] = entry;
      next = (next + 1) % limit;
    },
    list() {
      return next === 0 ? [...ring] : [...ring.slice(next), ...ring.slice(0, next)];
    },
    clear() {
      ring = [];
      next = 0;
    },
  };
}
