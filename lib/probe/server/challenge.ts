import "server-only";
/**
 * `WWW-Authenticate` parsing (RFC 9110 section 11.6.1): a comma-separated list of challenges,
 * each an auth-scheme followed by either a token68 or comma-separated `name=value` parameters,
 * where a value is a token or a quoted-string. Commas separate both parameters and challenges,
 * so a name followed by `=` continues the current challenge and anything else starts a new one.
 */

export interface Challenge {
  /** Auth-scheme as sent (compare case-insensitively). */
  scheme: string;
  /** Parameters with lower-cased names (names are case-insensitive, values are not). */
  params: Record<string, string>;
  token68?: string;
}

const TCHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;
const TOKEN68_CHAR = /[-._~+/0-9A-Za-z]/;

class Scanner {
  pos = 0;
  constructor(readonly text: string) {}

  get done(): boolean {
    return this.pos >= this.text.length;
  }

  peek(offset = 0): string {
    return this.text[this.pos + offset] ?? "";
  }

  skipSpaces(): void {
    while (this.peek() === " " || this.peek() === "\t") this.pos++;
  }

  skipSpacesAndCommas(): void {
    while (this.peek() === " " || this.peek() === "\t" || this.peek() === ",") this.pos++;
  }

  token(): string {
    const start = this.pos;
    while (!this.done && TCHAR.test(this.peek())) this.pos++;
    return this.text.slice(start, this.pos);
  }

  quoted(): string | null {
    if (this.peek() !== '"') return null;
    this.pos++;
    let value = "";
    while (!this.done) {
      const ch = this.peek();
      this.pos++;
      if (ch === '"') return value;
      if (ch === "\\") {
        if (this.done) return null;
        value += this.peek();
        this.pos++;
      } else {
        value += ch;
      }
    }
    return null;
  }

  /** True when the text at the cursor is `token BWS "=" BWS value`, not a token68. */
  atParam(): boolean {
    let i = this.pos;
    while (i < this.text.length && TCHAR.test(this.text[i] ?? "")) i++;
    if (i === this.pos) return false;
    while (this.text[i] === " " || this.text[i] === "\t") i++;
    if (this.text[i] !== "=") return false;
    // `abc==` or `abc=` at the end or before a comma is a token68 with padding, not a parameter.
    i++;
    while (this.text[i] === " " || this.text[i] === "\t") i++;
    const next = this.text[i];
    return next !== undefined && next !== "=" && next !== ",";
  }
}

/** A token68 ends the challenge: its `=` padding is followed by the end or a comma only. */
function readToken68(s: Scanner): string | null {
  const start = s.pos;
  let i = s.pos;
  while (i < s.text.length && TOKEN68_CHAR.test(s.text[i] ?? "")) i++;
  if (i === start) return null;
  while (s.text[i] === "=") i++;
  let j = i;
  while (s.text[j] === " " || s.text[j] === "\t") j++;
  if (j < s.text.length && s.text[j] !== ",") return null;
  s.pos = i;
  return s.text.slice(start, i);
}

function readParams(s: Scanner, params: Record<string, string>): boolean {
  for (;;) {
    const name = s.token().toLowerCase();
    s.skipSpaces();
    if (s.peek() !== "=") return false;
    s.pos++;
    s.skipSpaces();
    const value = s.peek() === '"' ? s.quoted() : s.token() || null;
    if (value === null) return false;
    if (name in params) return false; // RFC 9110: each parameter name only once per challenge
    params[name] = value;
    s.skipSpaces();
    if (s.done) return true;
    if (s.peek() !== ",") return false;
    // Look past the commas: a `name=` continues this challenge, anything else starts the next.
    const mark = s.pos;
    s.skipSpacesAndCommas();
    if (s.done) return true;
    if (!s.atParam()) {
      s.pos = mark;
      return true;
    }
  }
}

/**
 * Parses a `WWW-Authenticate` value (or several header lines) into challenges. Returns null
 * when the value is malformed, so a caller can tell "no Bearer challenge" from "garbage".
 */
export function parseWwwAuthenticate(header: string | readonly string[]): Challenge[] | null {
  const lines = typeof header === "string" ? [header] : header;
  const challenges: Challenge[] = [];
  for (const line of lines) {
    const s = new Scanner(line);
    s.skipSpacesAndCommas();
    while (!s.done) {
      const scheme = s.token();
      if (!scheme) return null;
      const challenge: Challenge = { scheme, params: {} };
      challenges.push(challenge);
      const afterScheme = s.pos;
      s.skipSpaces();
      if (s.done || s.peek() === ",") {
        s.skipSpacesAndCommas();
        continue;
      }
      if (s.pos === afterScheme) return null; // scheme must be followed by a space
      if (s.atParam()) {
        if (!readParams(s, challenge.params)) return null;
      } else {
        const token68 = readToken68(s);
        if (token68 === null) return null;
        challenge.token68 = token68;
      }
      s.skipSpacesAndCommas();
    }
  }
  return challenges;
}
