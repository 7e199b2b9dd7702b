import { armErrors } from "./errors";

/**
 * The `$filter` of the Activity Log list (`GET .../providers/microsoft.insights/eventtypes/management/values`),
 * as the Microsoft.Insights 2015-04-01 reference restricts it: `eventTimestamp ge '<time>' and
 * eventTimestamp le '<time>'`, optionally `and` one of `resourceGroupName eq`, `resourceUri eq`,
 * `resourceProvider eq` or `correlationId eq`, each with a single-quoted value (`''` is a quote).
 * No `or`, no parentheses, no other field: "No other syntax is allowed". Field names and values
 * compare ignoring case, as ARM compares resource ids.
 */
export interface ActivityFilter {
  from: number;
  to: number;
  resourceGroupName?: string;
  resourceUri?: string;
  resourceProvider?: string;
  correlationId?: string;
}

const EQ_FIELDS = {
  resourcegroupname: "resourceGroupName",
  resourceuri: "resourceUri",
  resourceprovider: "resourceProvider",
  correlationid: "correlationId",
} as const;

const CLAUSE = /^\s*([A-Za-z]+)\s+(eq|ge|le)\s+'((?:[^']|'')*)'\s*$/i;

function invalid(detail: string) {
  return armErrors.badRequest(
    "InvalidFilter",
    `The $filter is invalid: ${detail}. Use eventTimestamp ge '<start>' and eventTimestamp le '<end>', optionally with one of resourceGroupName, resourceUri, resourceProvider or correlationId eq '<value>'.`,
  );
}

/** Splits on ` and ` outside quoted values. */
function clauses(input: string): string[] {
  const parts: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < input.length; i++) {
    const ch = input[i]!;
    if (ch === "'") quoted = !quoted;
    if (!quoted && /\s/.test(ch) && /^\s+and\s+/i.test(input.slice(i))) {
      const m = /^\s+and\s+/i.exec(input.slice(i))!;
      parts.push(current);
      current = "";
      i += m[0].length - 1;
      continue;
    }
    current += ch;
  }
  parts.push(current);
  return parts;
}

function time(value: string): number {
  const ms = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(ms)) {
    throw invalid(`'${value}' is not an ISO 8601 date-time`);
  }
  return ms;
}

/** Parses the filter; throws ARM's 400 for anything outside the documented patterns. */
export function parseActivityFilter(input: string | null): ActivityFilter {
  if (input === null || input.trim() === "") throw invalid("it is required");
  let from: number | undefined;
  let to: number | undefined;
  const out: Partial<ActivityFilter> = {};
  let eqCount = 0;
  for (const clause of clauses(input)) {
    const m = CLAUSE.exec(clause);
    if (!m) throw invalid(`'${clause.trim()}' is not a supported condition`);
    const field = m[1]!.toLowerCase();
    const op = m[2]!.toLowerCase();
    const value = m[3]!.replace(/''/g, "'");
    if (field === "eventtimestamp") {
      if (op === "ge" && from === undefined) from = time(value);
      else if (op === "le" && to === undefined) to = time(value);
      else throw invalid(`eventTimestamp takes one ge and one le`);
      continue;
    }
    const name = EQ_FIELDS[field as keyof typeof EQ_FIELDS];
    if (!name || op !== "eq") throw invalid(`'${m[1]} ${m[2]}' is not supported`);
    eqCount += 1;
    if (eqCount > 1)
      throw invalid(
        "at most one of resourceGroupName, resourceUri, resourceProvider or correlationId",
      );
    out[name] = value;
  }
  if (from === undefined || to === undefined) {
    throw invalid("it must give the time range with eventTimestamp ge and eventTimestamp le");
  }
  if (from > to) throw invalid("the start of the time range is after its end");
  return { ...out, from, to };
}

/** What a filter is matched against. */
export interface FilterableEvent {
  eventTimestamp: string;
  resourceGroupName: string;
  resourceId: string;
  resourceProvider: string;
  correlationId: string;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export function matchesActivityFilter(filter: ActivityFilter, event: FilterableEvent): boolean {
  const at = Date.parse(event.eventTimestamp);
  if (at < filter.from || at > filter.to) return false;
  if (filter.resourceGroupName && !same(filter.resourceGroupName, event.resourceGroupName))
    return false;
  if (filter.resourceUri && !same(filter.resourceUri.replace(/\/+$/, ""), event.resourceId))
    return false;
  if (filter.resourceProvider && !same(filter.resourceProvider, event.resourceProvider))
    return false;
  if (filter.correlationId && !same(filter.correlationId, event.correlationId)) return false;
  return true;
}
