import { graphErrors } from "./errors";

/*
 * The subset of KQL the emulated Resource Graph understands (emulator/README.md lists it):
 *
 *   [resources |] op (| op)*
 *   where   <column> <cmp> <literal> (and ...)*   cmp: == =~ != !~ in in~ !in !in~ (list)
 *   project <item>, ...                          item: name | path | alias = value
 *   extend  <alias> = <value>, ...               value: path | tostring(path) | tobool(path)
 *   order by <column> [asc|desc], ...            (sort by likewise; KQL's default is desc)
 *
 * `where` filters on type, subscriptionId, resourceGroup, name, location and id only. Anything
 * else is refused with Resource Graph's own error shape (`InvalidQuery`).
 */

export type Row = Record<string, unknown>;

type Token =
  | { kind: "ident"; value: string }
  | { kind: "string"; value: string }
  | { kind: "number"; value: number }
  | { kind: "op"; value: string };

const OPERATORS = [
  "!in~",
  "!in",
  "in~",
  "==",
  "=~",
  "!=",
  "!~",
  "=",
  "|",
  ",",
  "(",
  ")",
  ".",
  "[",
  "]",
];

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === "'" || c === '"') {
      let value = "";
      i++;
      while (i < text.length && text[i] !== c) {
        if (text[i] === "\\" && i + 1 < text.length) i++;
        value += text[i];
        i++;
      }
      if (i >= text.length) throw graphErrors.invalidQuery("Unterminated string literal.");
      i++;
      tokens.push({ kind: "string", value });
      continue;
    }
    if (/[0-9]/.test(c)) {
      const m = /^[0-9]+(\.[0-9]+)?/.exec(text.slice(i))!;
      tokens.push({ kind: "number", value: Number(m[0]) });
      i += m[0].length;
      continue;
    }
    // `in~` and `!in~` read as one operator; a bare `in` is an identifier checked by the parser.
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (op && !(op === "in~" && /[A-Za-z0-9_]/.test(text[i - 1] ?? ""))) {
      tokens.push({ kind: "op", value: op });
      i += op.length;
      continue;
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*(-[A-Za-z]+)?/.exec(text.slice(i));
    if (m) {
      tokens.push({ kind: "ident", value: m[0] });
      i += m[0].length;
      continue;
    }
    throw graphErrors.invalidQuery(`Unexpected character '${c}' at position ${i}.`);
  }
  return tokens;
}

/** A property path: `properties.status.displayStatus`, `tags['env']`. */
type Path = string[];
type Value = { fn: "none" | "tostring" | "tobool"; path: Path };
interface Item {
  name: string;
  value: Value;
}
type Comparison = "==" | "=~" | "!=" | "!~" | "in" | "in~" | "!in" | "!in~";
interface Predicate {
  column: string;
  cmp: Comparison;
  values: (string | number | boolean)[];
}
type Operation =
  | { op: "where"; predicates: Predicate[] }
  | { op: "project"; items: Item[] }
  | { op: "extend"; items: Item[] }
  | { op: "order"; keys: { column: string; desc: boolean }[] };

export interface ParsedQuery {
  operations: Operation[];
}

const FILTER_COLUMNS = ["type", "subscriptionid", "resourcegroup", "name", "location", "id"];

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token | undefined {
    return this.tokens[this.i];
  }
  private next(): Token {
    const t = this.tokens[this.i++];
    if (!t) throw graphErrors.invalidQuery("The query ends too early.");
    return t;
  }
  private isOp(value: string): boolean {
    const t = this.peek();
    return t?.kind === "op" && t.value === value;
  }
  private expectOp(value: string): void {
    const t = this.next();
    if (t.kind !== "op" || t.value !== value) {
      throw graphErrors.invalidQuery(`Expected '${value}' but found '${String(t.value)}'.`);
    }
  }
  private ident(): string {
    const t = this.next();
    if (t.kind !== "ident")
      throw graphErrors.invalidQuery(`Expected a name, found '${String(t.value)}'.`);
    return t.value;
  }
  private isIdent(value: string): boolean {
    const t = this.peek();
    return t?.kind === "ident" && t.value.toLowerCase() === value;
  }

  parse(): ParsedQuery {
    const operations: Operation[] = [];
    if (this.isIdent("resources")) {
      this.i++;
      if (this.peek() === undefined) return { operations };
      this.expectOp("|");
    }
    for (;;) {
      operations.push(this.operation());
      if (this.peek() === undefined) return { operations };
      this.expectOp("|");
    }
  }

  private operation(): Operation {
    const word = this.ident();
    switch (word.toLowerCase()) {
      case "where":
        return { op: "where", predicates: this.predicates() };
      case "project":
        return { op: "project", items: this.items(false) };
      case "extend":
        return { op: "extend", items: this.items(true) };
      case "order":
      case "sort": {
        if (!this.isIdent("by")) throw graphErrors.invalidQuery(`Expected 'by' after '${word}'.`);
        this.i++;
        return { op: "order", keys: this.orderKeys() };
      }
      default:
        throw graphErrors.invalidQuery(
          `The operator '${word}' is not supported by the emulated Resource Graph (only where, project, extend, order by).`,
          "UnsupportedOperator",
        );
    }
  }

  private predicates(): Predicate[] {
    const predicates = [this.predicate()];
    while (this.isIdent("and")) {
      this.i++;
      predicates.push(this.predicate());
    }
    if (this.isIdent("or")) {
      throw graphErrors.invalidQuery(
        "'or' is not supported by the emulated Resource Graph.",
        "UnsupportedOperator",
      );
    }
    return predicates;
  }

  private predicate(): Predicate {
    const column = this.ident();
    if (!FILTER_COLUMNS.includes(column.toLowerCase())) {
      throw graphErrors.invalidQuery(
        `The emulated Resource Graph filters on ${FILTER_COLUMNS.join(", ")} only, not '${column}'.`,
        "UnsupportedOperator",
      );
    }
    const t = this.next();
    let cmp: Comparison;
    if (t.kind === "op" && ["==", "=~", "!=", "!~", "in~", "!in", "!in~"].includes(t.value)) {
      cmp = t.value as Comparison;
    } else if (t.kind === "ident" && t.value === "in") {
      cmp = "in";
    } else {
      throw graphErrors.invalidQuery(
        `Unsupported comparison '${String(t.value)}'.`,
        "UnsupportedOperator",
      );
    }
    if (cmp.includes("in")) {
      this.expectOp("(");
      const values = [this.literal()];
      while (this.isOp(",")) {
        this.i++;
        values.push(this.literal());
      }
      this.expectOp(")");
      return { column, cmp, values };
    }
    return { column, cmp, values: [this.literal()] };
  }

  private literal(): string | number | boolean {
    const t = this.next();
    if (t.kind === "string" || t.kind === "number") return t.value;
    if (t.kind === "ident" && (t.value === "true" || t.value === "false"))
      return t.value === "true";
    throw graphErrors.invalidQuery(`Expected a literal, found '${String(t.value)}'.`);
  }

  private path(): Path {
    const path = [this.ident()];
    for (;;) {
      if (this.isOp(".")) {
        this.i++;
        path.push(this.ident());
      } else if (this.isOp("[")) {
        this.i++;
        const key = this.next();
        if (key.kind !== "string") throw graphErrors.invalidQuery("Expected a quoted key in [].");
        path.push(key.value);
        this.expectOp("]");
      } else return path;
    }
  }

  private value(): Value {
    const t = this.peek();
    const next = this.tokens[this.i + 1];
    if (t?.kind === "ident" && next?.kind === "op" && next.value === "(") {
      const fn = t.value.toLowerCase();
      if (fn !== "tostring" && fn !== "tobool") {
        throw graphErrors.invalidQuery(
          `The function '${t.value}' is not supported by the emulated Resource Graph.`,
          "UnsupportedOperator",
        );
      }
      this.i += 2;
      const path = this.path();
      this.expectOp(")");
      return { fn, path };
    }
    return { fn: "none", path: this.path() };
  }

  private items(needAlias: boolean): Item[] {
    const items: Item[] = [];
    do {
      if (items.length > 0) this.i++;
      const t = this.peek();
      const after = this.tokens[this.i + 1];
      if (t?.kind === "ident" && after?.kind === "op" && after.value === "=") {
        this.i += 2;
        items.push({ name: t.value, value: this.value() });
      } else {
        if (needAlias) throw graphErrors.invalidQuery("extend needs 'name = value'.");
        const value = this.value();
        items.push({ name: value.path.join("_"), value });
      }
    } while (this.isOp(","));
    return items;
  }

  private orderKeys(): { column: string; desc: boolean }[] {
    const keys: { column: string; desc: boolean }[] = [];
    do {
      if (keys.length > 0) this.i++;
      const column = this.ident();
      let desc = true; // KQL sorts descending unless told otherwise
      if (this.isIdent("asc")) {
        desc = false;
        this.i++;
      } else if (this.isIdent("desc")) this.i++;
      keys.push({ column, desc });
    } while (this.isOp(","));
    return keys;
  }
}

/** Parses a query of the emulated subset; throws Resource Graph's 400 for anything else. */
export function parseQuery(text: string): ParsedQuery {
  if (text.trim() === "") throw graphErrors.invalidQuery("The query is empty.");
  return new Parser(tokenize(text)).parse();
}

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
