import type { ParsedQuery, Path, Predicate, Row, Value } from "./kql";

/* Evaluation of a parsed query (kql.ts) over Resource Graph rows. */

/** The column in `row` named `name`, ignoring case as Resource Graph's column names do. */
function column(row: Row, name: string): unknown {
  if (name in row) return row[name];
  const lower = name.toLowerCase();
  const key = Object.keys(row).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : row[key];
}

function resolve(row: Row, path: Path): unknown {
  let value: unknown = column(row, path[0]!);
  for (const key of path.slice(1)) {
    if (typeof value !== "object" || value === null) return null;
    value = (value as Record<string, unknown>)[key];
  }
  return value ?? null;
}

function evaluate(row: Row, value: Value): unknown {
  const raw = resolve(row, value.path);
  if (value.fn === "tostring") {
    if (raw === null) return "";
    return typeof raw === "object" ? JSON.stringify(raw) : String(raw);
  }
  if (value.fn === "tobool") {
    if (typeof raw === "boolean") return raw;
    if (typeof raw === "string")
      return raw.toLowerCase() === "true" ? true : raw.toLowerCase() === "false" ? false : null;
    return null;
  }
  return raw;
}

function matches(row: Row, p: Predicate): boolean {
  const actual = column(row, p.column);
  const ci = p.cmp.includes("~");
  const norm = (v: unknown) => (ci && typeof v === "string" ? v.toLowerCase() : v);
  const hit = p.values.some((v) => norm(actual) === norm(v));
  return p.cmp.startsWith("!") ? !hit : hit;
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  const x = typeof a === "string" ? a : JSON.stringify(a);
  const y = typeof b === "string" ? b : JSON.stringify(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Runs a parsed query over the rows; returns the output rows and their column names. */
export function runQuery(
  query: ParsedQuery,
  input: readonly Row[],
): { rows: Row[]; columns: string[] } {
  let rows: Row[] = input as Row[];
  let columns: string[] | null = null;
  for (const operation of query.operations) {
    switch (operation.op) {
      case "where":
        rows = rows.filter((row) => operation.predicates.every((p) => matches(row, p)));
        break;
      case "project":
        rows = rows.map((row) =>
          Object.fromEntries(operation.items.map((it) => [it.name, evaluate(row, it.value)])),
        );
        columns = operation.items.map((it) => it.name);
        break;
      case "extend":
        rows = rows.map((row) => ({
          ...row,
          ...Object.fromEntries(operation.items.map((it) => [it.name, evaluate(row, it.value)])),
        }));
        if (columns)
          columns = [
            ...columns,
            ...operation.items.map((it) => it.name).filter((n) => !columns!.includes(n)),
          ];
        break;
      case "order":
        rows = [...rows].sort((a, b) => {
          for (const key of operation.keys) {
            const c = compare(column(a, key.column), column(b, key.column));
            if (c !== 0) return key.desc ? -c : c;
          }
          return 0;
        });
        break;
    }
  }
  return { rows, columns: columns ?? Object.keys(rows[0] ?? input[0] ?? { id: "" }) };
}
