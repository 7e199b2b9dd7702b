import { graphErrors } from "./errors";
import { tokenize, type Token } from "./kql-tokens";

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

/** A property path: `properties.status.displayStatus`, `tags['env']`. */
export type Path = string[];
export type Value = { fn: "none" | "tostring" | "tobool"; path: Path };
export interface Item {
  name: string;
  value: Value;
}
export type Comparison = "==" | "=~" | "!=" | "!~" | "in" | "in~" | "!in" | "!in~";
export interface Predicate {
  column: string;
  cmp: Comparison;
  values: (string | number | boolean)[];
}
export type Operation =
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
