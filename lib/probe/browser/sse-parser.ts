/** One Server-Sent Event as the HTML standard's parser dispatches it. */
export interface SseMessage {
  /** `message` unless the event named another type. */
  event: string;
  data: string;
  /** The last event id after this event (ids persist until a new `id:` field). */
  lastEventId: string;
  /** True when this event carried an `id:` field itself. */
  hasId: boolean;
}

/**
 * An incremental parser of `text/event-stream` (the HTML standard's algorithm): feed decoded text
 * as it arrives, get the complete events. Handles CRLF, CR and LF line ends split across chunks,
 * a leading BOM, comments, multi-line data, `id` with NUL ignored. `retry:` hints are exposed.
 */
export class SseParser {
  private buffer = "";
  private sawBom = false;
  private pendingCr = false;
  private data: string[] = [];
  private eventType = "";
  private idInEvent = false;
  /** The last event id seen (what a client sends as `Last-Event-ID`). */
  lastEventId = "";
  /** The server's reconnection delay hint in ms, if it sent one. */
  retryMs: number | undefined;
  /** Comment lines seen so far (the server's heartbeats). */
  comments = 0;

  constructor(initialLastEventId = "") {
    this.lastEventId = initialLastEventId;
  }

  /** Parses a chunk of text and returns the events it completed. */
  push(chunk: string): SseMessage[] {
    let text = chunk;
    if (!this.sawBom && text.length > 0) {
      this.sawBom = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    // A CR at the end of the previous chunk already ended its line: drop the LF that pairs with it.
    if (this.pendingCr && text.startsWith("\n")) text = text.slice(1);
    this.pendingCr = false;
    this.buffer += text;
    const out: SseMessage[] = [];
    let start = 0;
    for (let i = 0; i < this.buffer.length; i++) {
      const ch = this.buffer.charCodeAt(i);
      if (ch !== 10 && ch !== 13) continue;
      const line = this.buffer.slice(start, i);
      if (ch === 13) {
        if (i + 1 < this.buffer.length) {
          if (this.buffer.charCodeAt(i + 1) === 10) i++;
        } else {
          this.pendingCr = true;
        }
      }
      start = i + 1;
      const message = this.line(line);
      if (message) out.push(message);
    }
    this.buffer = this.buffer.slice(start);
    return out;
  }

  private line(line: string): SseMessage | undefined {
    if (line === "") return this.dispatch();
    if (line.startsWith(":")) {
      this.comments++;
      return undefined;
    }
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    switch (field) {
      case "data":
        this.data.push(value);
        break;
      case "event":
        this.eventType = value;
        break;
      case "id":
        if (!value.includes("\0")) {
          this.lastEventId = value;
          this.idInEvent = true;
        }
        break;
      case "retry":
        if (/^[0-9]+$/.test(value)) this.retryMs = Number(value);
        break;
      default:
        break;
    }
    return undefined;
  }

  private dispatch(): SseMessage | undefined {
    const hasId = this.idInEvent;
    this.idInEvent = false;
    if (this.data.length === 0) {
      this.eventType = "";
      return undefined;
    }
    const message: SseMessage = {
      event: this.eventType || "message",
      data: this.data.join("\n"),
      lastEventId: this.lastEventId,
      hasId,
    };
    this.data = [];
    this.eventType = "";
    return message;
  }
}
