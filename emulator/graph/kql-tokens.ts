import { graphErrors } from "./errors";

/* The tokens of the emulated KQL subset (kql.ts parses them). */

export type Token =
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

export function tokenize(text: string): Token[] {
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
