/**
 * The `$filter` of ARM's generic resource list (`GET .../resources`), as its reference documents
 * it: `eq`/`ne` on resourceType, name, location and resourceGroup, `substringof('<text>', name |
 * resourceGroup)`, combined with `and`/`or` (`and` binds tighter; parentheses group). Values are
 * single-quoted OData strings (`''` is a quote). ARM compares names and types ignoring case.
 */

export type FilterField = "resourceType" | "name" | "location" | "resourceGroup";

export type FilterNode =
  | { kind: "compare"; field: FilterField; op: "eq" | "ne"; value: string }
  | { kind: "substringof"; field: "name" | "resourceGroup"; value: string }
  | { kind: "and" | "or"; left: FilterNode; right: FilterNode };

/** What a filter is evaluated against: a resource as the generic list shows it. */
export interface FilterableResource {
  resourceType: string;
  name: string;
  location: string;
  resourceGroup: string;
}

/** The filter is not one ARM would accept. */
export class InvalidFilterError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "InvalidFilterError";
  }
}

/** ARM accepts the filter, but the emulator does not emulate what it asks (tags, identity, plan). */
export class FilterNotEmulatedError extends Error {
  constructor(readonly what: string) {
    super(`The emulator does not emulate filtering on '${what}'.`);
    this.name = "FilterNotEmulatedError";
  }
}

const FIELDS: Record<string, FilterField> = {
  resourcetype: "resourceType",
  name: "name",
  location: "location",
  resourcegroup: "resourceGroup",
};
/** Filters ARM documents that the emulator leaves out. */
const NOT_EMULATED = [
  "tagname",
  "tagvalue",
  "identity",
  "identity/principalid",
  "plan",
  "plan/publisher",
  "plan/product",
  "plan/name",
  "plan/version",
  "plan/promotioncode",
  "startswith",
];

type Token = { type: "word" | "string" | "punct"; text: string };

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === "(" || c === ")" || c === ",") {
      tokens.push({ type: "punct", text: c });
      i++;
    } else if (c === "'") {
      let value = "";
      i++;
      for (;;) {
        if (i >= input.length) throw new InvalidFilterError("unterminated string");
        if (input[i] === "'") {
          if (input[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += input[i];
        i++;
      }
      tokens.push({ type: "string", text: value });
    } else {
      const m = /^[A-Za-z][A-Za-z0-9_/]*/.exec(input.slice(i));
      if (!m) throw new InvalidFilterError(`unexpected '${c}'`);
      tokens.push({ type: "word", text: m[0] });
      i += m[0].length;
    }
  }
  return tokens;
}

/** Parses a `$filter`; throws InvalidFilterError or FilterNotEmulatedError. */
export function parseFilter(input: string): FilterNode {
  const tokens = tokenize(input);
  let pos = 0;
  const peek = () => tokens[pos];
  const isWord = (t: Token | undefined, word: string) =>
    t?.type === "word" && t.text.toLowerCase() === word;
  const expect = (type: Token["type"], text?: string): Token => {
    const t = tokens[pos];
    if (!t || t.type !== type || (text !== undefined && t.text !== text)) {
      throw new InvalidFilterError(`expected ${text ?? type} at token ${pos + 1}`);
    }
    pos++;
    return t;
  };

  const field = (word: string): FilterField => {
    const lower = word.toLowerCase();
    if (NOT_EMULATED.includes(lower)) throw new FilterNotEmulatedError(word);
    const known = FIELDS[lower];
    if (!known) throw new InvalidFilterError(`unknown property '${word}'`);
    return known;
  };

  function primary(): FilterNode {
    const t = peek();
    if (t?.type === "punct" && t.text === "(") {
      pos++;
      const inner = or();
      expect("punct", ")");
      return inner;
    }
    const word = expect("word").text;
    if (word.toLowerCase() === "substringof") {
      expect("punct", "(");
      const value = expect("string").text;
      expect("punct", ",");
      const target = field(expect("word").text);
      expect("punct", ")");
      if (target !== "name" && target !== "resourceGroup") {
        throw new InvalidFilterError(`substringof does not apply to '${target}'`);
      }
      return { kind: "substringof", field: target, value };
    }
    const target = field(word);
    const op = expect("word").text.toLowerCase();
    if (op !== "eq" && op !== "ne") throw new InvalidFilterError(`unknown operator '${op}'`);
    return { kind: "compare", field: target, op, value: expect("string").text };
  }

  function and(): FilterNode {
    let node = primary();
    while (isWord(peek(), "and")) {
      pos++;
      node = { kind: "and", left: node, right: primary() };
    }
    return node;
  }

  function or(): FilterNode {
    let node = and();
    while (isWord(peek(), "or")) {
      pos++;
      node = { kind: "or", left: node, right: and() };
    }
    return node;
  }

  if (tokens.length === 0) throw new InvalidFilterError("empty filter");
  const node = or();
  if (pos < tokens.length) throw new InvalidFilterError(`unexpected '${tokens[pos]!.text}'`);
  return node;
}

/** Whether the resource passes the filter (case-insensitive, as ARM compares). */
export function matchesFilter(node: FilterNode, resource: FilterableResource): boolean {
  switch (node.kind) {
    case "and":
      return matchesFilter(node.left, resource) && matchesFilter(node.right, resource);
    case "or":
      return matchesFilter(node.left, resource) || matchesFilter(node.right, resource);
    case "substringof":
      return resource[node.field].toLowerCase().includes(node.value.toLowerCase());
    case "compare": {
      const same = resource[node.field].toLowerCase() === node.value.toLowerCase();
      return node.op === "eq" ? same : !same;
    }
  }
}
