import { createHash } from "node:crypto";
import { checkApiVersion } from "../arm/api-versions";
import type { ArmContext, ArmRequest, ArmResult } from "../arm/context";
import { isAllowed, seesSubscription } from "../arm/rbac";
import type { Store } from "../contracts";
import type { GraphConfig } from "./config";
import { GraphError, graphErrors } from "./errors";
import { GraphIndex } from "./graph-index";
import { parseQuery, runQuery, type Row } from "./kql";
import { formatResetsAfter, GraphQuota } from "./quota";

/** The api-versions of `POST /providers/Microsoft.ResourceGraph/resources` the emulator serves. */
export const GRAPH_API_VERSIONS = ["2021-03-01", "2022-10-01"] as const;
/** Rows per page without `$top` (the emulator's choice) and at most (Resource Graph's limit). */
const DEFAULT_TOP = 100;
const MAX_TOP = 1000;

/** The `read` action that lets a caller see a row of this (lowercase) type. */
const READ_ACTIONS: Record<string, string> = {
  "microsoft.containerregistry/registries": "Microsoft.ContainerRegistry/registries/read",
  "microsoft.containerregistry/registries/replications":
    "Microsoft.ContainerRegistry/registries/replications/read",
};

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

interface QueryBody {
  query: string;
  subscriptions?: string[];
  options: {
    skipToken?: string;
    top?: number;
    skip?: number;
    resultFormat: "objectArray" | "table";
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function parseBody(body: unknown): QueryBody {
  if (!isObject(body))
    throw graphErrors.badRequest(
      "InvalidRequestContent",
      "The request body must be a QueryRequest object.",
    );
  if (typeof body.query !== "string") {
    throw graphErrors.badRequest(
      "InvalidRequestContent",
      "The 'query' property is required and must be a string.",
    );
  }
  const subs = body.subscriptions;
  if (subs !== undefined && (!Array.isArray(subs) || subs.some((s) => typeof s !== "string"))) {
    throw graphErrors.badRequest(
      "InvalidRequestContent",
      "'subscriptions' must be an array of subscription ids.",
    );
  }
  const o = body.options === undefined || body.options === null ? {} : body.options;
  if (!isObject(o))
    throw graphErrors.badRequest("InvalidRequestContent", "'options' must be an object.");
  const int = (key: string, min: number, max: number) => {
    const v = o[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) {
      throw graphErrors.badRequest(
        "InvalidRequestContent",
        `'options.${key}' must be an integer from ${min} to ${max}.`,
      );
    }
    return v;
  };
  const format = o.resultFormat ?? "objectArray";
  if (format !== "objectArray" && format !== "table") {
    throw graphErrors.badRequest(
      "InvalidRequestContent",
      "'options.resultFormat' must be 'table' or 'objectArray'.",
    );
  }
  const skipToken = o.$skipToken;
  if (skipToken !== undefined && skipToken !== null && typeof skipToken !== "string") {
    throw graphErrors.badRequest("InvalidRequestContent", "'options.$skipToken' must be a string.");
  }
  return {
    query: body.query,
    ...(subs ? { subscriptions: subs as string[] } : {}),
    options: {
      ...(typeof skipToken === "string" ? { skipToken } : {}),
      top: int("$top", 1, MAX_TOP),
      skip: int("$skip", 0, 2 ** 31 - 1),
      resultFormat: format,
    },
  };
}

/** What a skip token pins: the offset, and the query and scopes it belongs to. */
function queryHash(body: QueryBody): string {
  return createHash("sha256")
    .update(JSON.stringify([body.query, body.subscriptions ?? null, body.options.resultFormat]))
    .digest("base64url")
    .slice(0, 16);
}

function decodeSkipToken(token: string, hash: string): { offset: number; top: number } {
  try {
    const parsed = JSON.parse(Buffer.from(token, "base64").toString("utf8")) as Record<
      string,
      unknown
    >;
    if (parsed.h === hash && Number.isInteger(parsed.o) && Number.isInteger(parsed.t)) {
      return { offset: parsed.o as number, top: parsed.t as number };
    }
  } catch {
    // Reported below.
  }
  throw graphErrors.badRequest(
    "InvalidSkipToken",
    "The $skipToken is invalid, or belongs to another query or other scopes.",
  );
}

function columnType(values: unknown[]): string {
  const v = values.find((x) => x !== null && x !== undefined);
  if (typeof v === "boolean") return "boolean";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  if (typeof v === "object") return "object";
  return "string";
}

/**
 * Whether the caller may read rows, decided once per type and resource group: the emulator's
 * role assignments sit at `/`, a subscription or a resource group (seed.ts), so every resource
 * of a group gets the same answer. An assignment on a single resource is checked per row.
 */
function readCheck(req: ArmRequest): (row: Row) => boolean {
  const perResource = (req.principal?.assignments ?? []).some(
    (a) => a.scope.split("/").filter(Boolean).length > 4,
  );
  const memo = new Map<string, boolean>();
  return (row) => {
    const action = READ_ACTIONS[String(row.type)];
    if (action === undefined) return false;
    const id = String(row.id);
    if (perResource) return isAllowed(req.principal, action, id);
    const key =
      `${action}|${String(row.subscriptionId)}|${String(row.resourceGroup)}`.toLowerCase();
    let ok = memo.get(key);
    if (ok === undefined) {
      ok = isAllowed(req.principal, action, id);
      memo.set(key, ok);
    }
    return ok;
  };
}

/** The rows the caller may see in the scopes the request names. */
function visibleRows(
  ctx: ArmContext,
  req: ArmRequest,
  rows: readonly Row[],
  subscriptions?: string[],
): Row[] {
  const state = ctx.store.state;
  const asked = subscriptions ? new Set(subscriptions.map((s) => s.toLowerCase())) : null;
  const seen = new Map<string, boolean>();
  const sees = (sub: string) => {
    let ok = seen.get(sub);
    if (ok === undefined) {
      ok =
        (!asked || asked.has(sub)) &&
        seesSubscription(req.principal, sub) &&
        state.subscriptions.some((s) => s.subscriptionId.toLowerCase() === sub);
      seen.set(sub, ok);
    }
    return ok;
  };
  const mayRead = readCheck(req);
  return rows.filter((row) => sees(String(row.subscriptionId).toLowerCase()) && mayRead(row));
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
