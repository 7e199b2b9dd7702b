import "server-only";

/** What a probe reads of an HTTP/1.1 answer's head. */
export interface ResponseHead {
  status: number;
  /** Every `WWW-Authenticate` line, in order. */
  wwwAuthenticate: string[];
  /** The first `Retry-After` line. */
  retryAfter?: string;
}

/**
 * Why an answer cannot be read, named as Node's own HTTP parser (llhttp) names it, so a verdict
 * says the same whichever client read the answer.
 */
export type ReadError =
  | "HPE_INVALID_CONSTANT"
  | "HPE_INVALID_STATUS"
  | "HPE_INVALID_HEADER_TOKEN"
  | "HPE_HEADER_OVERFLOW"
  | "HPE_INVALID_CONTENT_LENGTH"
  | "HPE_INVALID_CHUNK_SIZE"
  | "HPE_STRICT";

export type ReadState = "more" | "done" | ReadError;

/** Node's default bound on an answer's head (`--max-http-header-size`). */
export const MAX_HEAD_BYTES = 16 * 1024;
const STATUS_LINE = /^HTTP\/1\.([01]) (\d{3})(?: [^\r\n]*)?$/;
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HEX = /^[0-9a-fA-F]$/;
/** A chunk larger than this (1 TiB) is not an answer to `GET /v2/`. */
const MAX_CHUNK = 2 ** 40;

/** The idle time a `Keep-Alive` header announces (`timeout=5`), in seconds; Infinity if none. */
function idleSeconds(header: string | undefined): number {
  const timeout = header === undefined ? null : /(?:^|[,;\s])timeout\s*=\s*(\d+)/i.exec(header);
  return timeout ? Number(timeout[1]) : Infinity;
}

/** Where a chunked body's reading is: in a size line, a chunk's data, or the trailer. */
type ChunkState =
  | "size"
  | "extension"
  | "size-lf"
  | "data"
  | "data-cr"
  | "data-lf"
  | "trailer-start"
  | "trailer-line"
  | "end-lf";

/**
 * Reads one HTTP/1.1 answer from the bytes of a connection, as they arrive: the status line and
 * headers, then the body by its framing (`Content-Length`, chunked, or up to the connection's
 * end), which it counts and drops. Interim (1xx) answers are skipped. After `done`, `reusable`
 * says whether the connection may carry the next request.
 */
export class ResponseReader {
  head?: ResponseHead;
  private text = "";
  private close = false;
  /** Bytes of body still to come; -1 when the body runs to the connection's end. */
  private remaining = 0;
  private chunked = false;
  private chunk: ChunkState = "size";
  private chunkSize = 0;
  private digits = 0;
  private state: ReadState = "more";
  /** The server sent bytes after the answer: it is out of step, so the connection is not reused. */
  private overrun = false;

  /** Whether the connection may carry another request once the answer is `done`. */
  get reusable(): boolean {
    return this.state === "done" && !this.close && !this.overrun;
  }

  /** Takes the next bytes of the connection. */
  feed(bytes: Buffer): ReadState {
    let at = 0;
    while (at < bytes.length && this.state === "more") {
      at = this.head === undefined ? this.readHead(bytes, at) : this.readBody(bytes, at);
    }
    if (this.state === "done" && at < bytes.length) this.overrun = true;
    return this.state;
  }

  /** The connection ended: that completes a body that runs to the end, and nothing else. */
  end(): ReadState {
    if (this.state !== "more") return this.state;
    if (this.head !== undefined && this.remaining === -1) return this.finish();
    // Node says the same of a connection that closes before its answer is complete.
    return "HPE_INVALID_CONSTANT";
  }

  private fail(error: ReadError): number {
    this.state = error;
    return Infinity;
  }

  private finish(): ReadState {
    this.state = "done";
    return this.state;
  }

  /** Reads head bytes from `at`; returns where the body starts, or the end of the bytes. */
  private readHead(bytes: Buffer, at: number): number {
    const before = this.text.length;
    const searchFrom = Math.max(0, before - 3);
    this.text += bytes.toString("latin1", at);
    const end = this.text.indexOf("\r\n\r\n", searchFrom);
    if (end === -1) {
      return this.text.length > MAX_HEAD_BYTES ? this.fail("HPE_HEADER_OVERFLOW") : bytes.length;
    }
    if (end > MAX_HEAD_BYTES) return this.fail("HPE_HEADER_OVERFLOW");
    const head = this.text.slice(0, end);
    const bodyAt = at + (end + 4 - before);
    this.text = "";
    const error = this.parseHead(head);
    if (error) return this.fail(error);
    const status = this.head?.status ?? 0;
    if (status >= 100 && status < 200 && status !== 101) {
      // An interim answer: the final one follows on the same connection.
      this.head = undefined;
      this.close = false;
      return bodyAt;
    }
    if (this.remaining === 0 && !this.chunked) this.finish();
    return bodyAt;
  }

  /** Parses the head's lines; sets the head and the body's framing. */
  private parseHead(head: string): ReadError | undefined {
    const lines = head.split("\r\n");
    const status = STATUS_LINE.exec(lines[0] ?? "");
    if (!status)
      return lines[0]?.startsWith("HTTP/") ? "HPE_INVALID_STATUS" : "HPE_INVALID_CONSTANT";
    const http10 = status[1] === "0";
    const parsed: ResponseHead = { status: Number(status[2]), wwwAuthenticate: [] };
    let connection = "";
    let keepAlive: string | undefined;
    let length: string | undefined;
    let encoding: string | undefined;
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i] as string;
      const colon = line.indexOf(":");
      const name = colon > 0 ? line.slice(0, colon) : "";
      if (!TOKEN.test(name)) return "HPE_INVALID_HEADER_TOKEN";
      const value = line.slice(colon + 1).trim();
      switch (name.toLowerCase()) {
        case "www-authenticate":
          parsed.wwwAuthenticate.push(value);
          break;
        case "retry-after":
          parsed.retryAfter ??= value;
          break;
        case "connection":
          connection += `,${value.toLowerCase()}`;
          break;
        case "keep-alive":
          keepAlive ??= value;
          break;
        case "content-length":
          if (length !== undefined && length !== value) return "HPE_INVALID_CONTENT_LENGTH";
          length = value;
          break;
        case "transfer-encoding":
          encoding = encoding === undefined ? value : `${encoding},${value}`;
          break;
      }
    }
    this.head = parsed;
    const tokens = connection.split(",").map((t) => t.trim());
    this.close = http10 ? !tokens.includes("keep-alive") : tokens.includes("close");
    // A server that will close an idle connection within a second would race the next request.
    if (idleSeconds(keepAlive) <= 1) this.close = true;
    return this.frame(parsed.status, length, encoding);
  }

  /** How the body is delimited (RFC 9112, section 6.3). */
  private frame(status: number, length?: string, encoding?: string): ReadError | undefined {
    this.chunked = false;
    this.remaining = 0;
    if (status === 204 || status === 304 || status === 101) return undefined;
    if (encoding !== undefined) {
      const codings = encoding.toLowerCase().split(",");
      if (codings[codings.length - 1]?.trim() === "chunked") {
        // A server must not send both; the length is ignored and the connection not kept.
        if (length !== undefined) this.close = true;
        this.chunked = true;
        this.chunk = "size";
        this.chunkSize = 0;
        this.digits = 0;
        return undefined;
      }
      this.remaining = -1;
      this.close = true;
      return undefined;
    }
    if (length !== undefined) {
      if (!/^\d{1,15}$/.test(length)) return "HPE_INVALID_CONTENT_LENGTH";
      this.remaining = Number(length);
      return undefined;
    }
    this.remaining = -1;
    this.close = true;
    return undefined;
  }

  /** Counts body bytes from `at`; returns where they end. */
  private readBody(bytes: Buffer, at: number): number {
    if (!this.chunked) {
      if (this.remaining === -1) return bytes.length;
      const taken = Math.min(this.remaining, bytes.length - at);
      this.remaining -= taken;
      if (this.remaining === 0) this.finish();
      return at + taken;
    }
    return this.readChunked(bytes, at);
  }

  /** A chunked body's framing, byte by byte except for chunk data, which is skipped whole. */
  private readChunked(bytes: Buffer, at: number): number {
    let i = at;
    while (i < bytes.length && this.state === "more") {
      if (this.chunk === "data") {
        const taken = Math.min(this.chunkSize, bytes.length - i);
        this.chunkSize -= taken;
        i += taken;
        if (this.chunkSize === 0) this.chunk = "data-cr";
        continue;
      }
      const byte = bytes[i++] as number;
      const error = this.chunkByte(byte);
      if (error) return this.fail(error);
    }
    return i;
  }

  private chunkByte(byte: number): ReadError | undefined {
    const char = String.fromCharCode(byte);
    switch (this.chunk) {
      case "size":
        if (HEX.test(char)) {
          this.chunkSize = this.chunkSize * 16 + parseInt(char, 16);
          this.digits++;
          return this.chunkSize > MAX_CHUNK ? "HPE_INVALID_CHUNK_SIZE" : undefined;
        }
        if (this.digits === 0) return "HPE_INVALID_CHUNK_SIZE";
        if (char === ";" || char === " " || char === "\t") this.chunk = "extension";
        else if (char === "\r") this.chunk = "size-lf";
        else return "HPE_INVALID_CHUNK_SIZE";
        return undefined;
      case "extension":
        if (char === "\r") this.chunk = "size-lf";
        return undefined;
      case "size-lf":
        return this.strict(char, "\n", this.chunkSize === 0 ? "trailer-start" : "data");
      case "data-cr":
        return this.strict(char, "\r", "data-lf");
      case "data-lf":
        this.chunkSize = 0;
        this.digits = 0;
        return this.strict(char, "\n", "size");
      case "trailer-start":
        this.chunk = char === "\r" ? "end-lf" : "trailer-line";
        return undefined;
      case "trailer-line":
        if (char === "\n") this.chunk = "trailer-start";
        return undefined;
      case "end-lf":
        return this.strict(char, "\n", "done");
      default:
        return undefined;
    }
  }

  /** The byte must be `wanted`; then the reading moves on to `next`. */
  private strict(char: string, wanted: string, next: ChunkState | "done"): ReadError | undefined {
    if (char !== wanted) return "HPE_STRICT";
    if (next === "done") this.finish();
    else this.chunk = next;
    return undefined;
  }
}
