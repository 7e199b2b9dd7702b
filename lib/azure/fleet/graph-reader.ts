import "server-only";
import { ApiError } from "../../errors";

/**
 * Reading a Resource Graph query to its end: pages by `$skipToken` (1,000 rows each), honours
 * the per-user quota (waits for the window to reset before a page it has no quota left for, and
 * after a 429), and gives up with an ApiError once waiting would take too long. Transport-free:
 * the page sender is passed in (graph-client.ts in production, a fake in tests).
 */

/** Rows per page: Resource Graph's maximum. */
export const GRAPH_PAGE_SIZE = 1000;
/** Longest the reader waits for quota in one reading before giving up (then ARM is read). */
export const MAX_QUOTA_WAIT_MS = 15_000;
/** A page that failed with a 5xx or no answer is tried once more after this. */
const TRANSIENT_RETRY_MS = 1_000;
/** A 429 without a usable reset time waits this long. */
const DEFAULT_RESET_MS = 5_000;
const MAX_PAGES = 1000;

export interface GraphRequest {
  query: string;
  subscriptions?: string[];
  skipToken?: string;
}

export interface GraphPage {
  rows: Record<string, unknown>[];
  totalRecords: number;
  truncated: boolean;
  skipToken?: string;
  quota: { remaining?: number; resetsAfterMs?: number };
}

export interface ReadOptions {
  sleep?: (ms: number) => Promise<void>;
  maxQuotaWaitMs?: number;
}

/** What a reading did, for logs and benchmarks. */
export interface GraphReadStats {
  pages: number;
  throttled: number;
  waitedMs: number;
}

/** A 429 from Resource Graph, with when its quota resets (from its headers). */
export function throttledWait(error: unknown): number | null {
  const e = error as {
    statusCode?: number;
    status?: number;
    response?: { headers?: { get(name: string): string | undefined } };
  };
  if ((e?.statusCode ?? e?.status) !== 429) return null;
  const headers = e.response?.headers;
  const resets = headers?.get("x-ms-user-quota-resets-after");
  const match = resets ? /^(\d+):(\d{2}):(\d{2})/.exec(resets.trim()) : null;
  if (match) return (Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3])) * 1000;
  const retryAfter = Number(headers?.get("retry-after"));
  return Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter * 1000 : DEFAULT_RESET_MS;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Every row of the query, page after page. Errors other than 429 are thrown as they come. */
export async function readAllPages(
  send: (request: GraphRequest) => Promise<GraphPage>,
  request: Omit<GraphRequest, "skipToken">,
  options: ReadOptions = {},
): Promise<{ rows: Record<string, unknown>[]; stats: GraphReadStats }> {
  const sleep = options.sleep ?? realSleep;
  const budget = options.maxQuotaWaitMs ?? MAX_QUOTA_WAIT_MS;
  const stats: GraphReadStats = { pages: 0, throttled: 0, waitedMs: 0 };
  const rows: Record<string, unknown>[] = [];
  const wait = async (ms: number) => {
    if (stats.waitedMs + ms > budget) {
      throw ApiError.limited(
        "resource-graph",
        "ResourceGraphQuotaExceeded",
        `Resource Graph's query quota would need more than ${Math.round(budget / 1000)} s of waiting.`,
        Math.ceil(ms / 1000),
      );
    }
    stats.waitedMs += ms;
    await sleep(ms);
  };
  let skipToken: string | undefined;
  let blockedMs = 0;
  let retried = false;
  do {
    if (blockedMs > 0) {
      await wait(blockedMs);
      blockedMs = 0;
    }
    let page: GraphPage;
    try {
      page = await send({ ...request, ...(skipToken ? { skipToken } : {}) });
    } catch (error) {
      const resetMs = throttledWait(error);
      if (resetMs === null) {
        // One more try of a page that failed on the server's side or on the way.
        const status = (error as { status?: number }).status ?? 0;
        if (retried || (status < 500 && status !== 0)) throw error;
        retried = true;
        blockedMs = TRANSIENT_RETRY_MS;
        continue;
      }
      stats.throttled++;
      blockedMs = Math.max(resetMs, 100);
      continue;
    }
    stats.pages++;
    rows.push(...page.rows);
    if (page.truncated && !page.skipToken) {
      throw new ApiError(
        502,
        "ResourceGraphTruncated",
        "Resource Graph truncated the answer and gave no next page.",
      );
    }
    skipToken = page.skipToken;
    // Out of quota with pages still to read: wait for the window to reset rather than be refused.
    if (skipToken && page.quota.remaining === 0)
      blockedMs = page.quota.resetsAfterMs ?? DEFAULT_RESET_MS;
    if (stats.pages > MAX_PAGES)
      throw new ApiError(502, "ResourceGraphPagingLoop", "Resource Graph kept paging.");
  } while (skipToken || blockedMs > 0);
  return { rows, stats };
}
