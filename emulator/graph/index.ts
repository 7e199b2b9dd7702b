import { checkApiVersion } from "../arm/api-versions";
import type { ArmContext, ArmRequest, ArmResult } from "../arm/context";
import type { Store } from "../contracts";
import type { GraphConfig } from "./config";
import { GraphError, graphErrors } from "./errors";
import { GraphIndex } from "./graph-index";
import { parseQuery, type Row } from "./kql";
import { runQuery } from "./kql-run";
import { formatResetsAfter, GraphQuota } from "./quota";
import { columnType, decodeSkipToken, parseBody, queryHash, type QueryBody } from "./request";
import { visibleRows } from "./visibility";

/** The api-versions of `POST /providers/Microsoft.ResourceGraph/resources` the emulator serves. */
export const GRAPH_API_VERSIONS = ["2021-03-01", "2022-10-01"] as const;
/** Rows per page without `$top`: the emulator's choice. */
const DEFAULT_TOP = 100;

export interface ResourceGraph {
  index: GraphIndex;
  quota: GraphQuota;
  /** Back to the state as it is now, no lag pending; quotas cleared (the control API's reset). */
  reset(): void;
}

const graphs = new WeakMap<Store, ResourceGraph>();

/**
 * Builds the emulated Resource Graph over a store and attaches it, so that ARM's router finds it
 * for `POST /providers/Microsoft.ResourceGraph/resources`. `onSave` is the store's hook that runs
 * after every saved change: the index schedules those changes after the indexing lag.
 */
export function attachResourceGraph(
  store: Store,
  config: GraphConfig,
  onSave: (listener: () => void) => void,
): ResourceGraph {
  const index = new GraphIndex(() => store.state, config.lagMs);
  const quota = new GraphQuota(config.quota, config.windowMs);
  onSave(() => index.noteSave());
  const graph: ResourceGraph = {
    index,
    quota,
    reset() {
      index.rebuild();
      quota.clear();
      results.clear();
    },
  };
  graphs.set(store, graph);
  return graph;
}

/**
 * `POST /providers/Microsoft.ResourceGraph/resources`: api-version, quota, then the query over
 * the index as it stands (lagging ARM), limited to what the caller may read, one page at a time.
 */
export function resourceGraphQuery(ctx: ArmContext, req: ArmRequest): ArmResult {
  checkApiVersion(req.url.searchParams, GRAPH_API_VERSIONS);
  const graph = graphs.get(ctx.store);
  // ARM's front door rebuilds thrown errors without their `details`: answer them as results.
  const answer = (err: GraphError, headers: Record<string, string> = {}): ArmResult => ({
    status: err.status,
    body: err.body,
    headers: { ...err.headers, ...headers },
  });
  if (!graph)
    return answer(graphErrors.badRequest("NotEmulated", "Resource Graph is not running."));
  const taken = graph.quota.take(req.callerId.toLowerCase());
  const headers = {
    "x-ms-user-quota-remaining": String(taken.remaining),
    "x-ms-user-quota-resets-after": formatResetsAfter(taken.resetsAfterMs),
  };
  if (!taken.ok) return answer(graphErrors.rateLimited(headers));
  try {
    return { status: 200, body: runPage(ctx, req, graph), headers };
  } catch (err) {
    if (err instanceof GraphError) return answer(err, headers);
    throw err;
  }
}

/**
 * A query's whole result, kept for its next pages: every page of a 10,000-row answer would
 * otherwise filter, authorize and sort every row again.
 */
const results = new Map<string, { rows: Row[]; columns: string[] }>();
const MAX_RESULTS = 16;

function evaluateCached(
  ctx: ArmContext,
  req: ArmRequest,
  graph: ResourceGraph,
  body: QueryBody,
  hash: string,
): { rows: Row[]; columns: string[] } {
  const key = `${req.callerId.toLowerCase()}|${hash}|${graph.index.version()}`;
  let result = results.get(key);
  if (!result) {
    const parsed = parseQuery(body.query);
    result = runQuery(parsed, visibleRows(ctx, req, graph.index.rows(), body.subscriptions));
    results.set(key, result);
    while (results.size > MAX_RESULTS) results.delete(results.keys().next().value!);
  }
  return result;
}

function runPage(ctx: ArmContext, req: ArmRequest, graph: ResourceGraph): Record<string, unknown> {
  const body = parseBody(req.body);
  const hash = queryHash(body);
  const { rows: out, columns } = evaluateCached(ctx, req, graph, body, hash);
  let offset = body.options.skip ?? 0;
  let top = body.options.top ?? DEFAULT_TOP;
  if (body.options.skipToken) {
    const token = decodeSkipToken(body.options.skipToken, hash);
    offset = body.options.skip ?? token.offset;
    top = body.options.top ?? token.top;
  }
  const page = out.slice(offset, offset + top);
  // Paging needs an `id` column to keep pages in a stable order, as Resource Graph says.
  const pageable = columns.some((c) => c.toLowerCase() === "id");
  const more = offset + page.length < out.length;
  const response: Record<string, unknown> = {
    totalRecords: out.length,
    count: page.length,
    resultTruncated: more && !pageable ? "true" : "false",
    facets: [],
    data:
      body.options.resultFormat === "table"
        ? {
            columns: columns.map((name) => ({ name, type: columnType(page.map((r) => r[name])) })),
            rows: page.map((r) => columns.map((c) => r[c] ?? null)),
          }
        : page,
  };
  if (more && pageable) {
    response.$skipToken = Buffer.from(
      JSON.stringify({ o: offset + page.length, t: top, h: hash }),
    ).toString("base64");
  }
  return response;
}

/** The graph attached to a store, for the control API's reset. */
export function resourceGraphOf(store: Store): ResourceGraph | undefined {
  return graphs.get(store);
}
