import type { RequestLog, RequestLogEntry } from "../contracts";

/** In-memory request log shared by every plane; the oldest entries go first past `limit`. */
export function createRequestLog(limit = 20_000): RequestLog {
  let entries: RequestLogEntry[] = [];
  return {
    add(entry) {
      entries.push(entry);
      if (entries.length > limit) entries = entries.slice(entries.length - limit);
    },
    list() {
      return [...entries];
    },
    clear() {
      entries = [];
    },
  };
}
