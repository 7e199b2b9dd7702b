import { describe, expect, it, vi } from "vitest";
import { sseBody, type SseBodyOptions, type SseChannel } from "@/lib/api/sse";

/** Opens a body and reads its chunks as the client receives them. */
function open(overrides: Partial<SseBodyOptions> = {}) {
  const abort = new AbortController();
  let channel!: SseChannel;
  const onClose = vi.fn();
  const body = sseBody({
    signal: abort.signal,
    retryMs: 3000,
    heartbeatMs: 60_000,
    maxBufferedBytes: 1 << 20,
    start: (c) => {
      channel = c;
    },
    onClose,
    ...overrides,
  });
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const next = async () => {
    const { value, done } = await reader.read();
    return done ? null : decoder.decode(value);
  };
  return { channel: () => channel, next, abort, onClose, reader };
}

describe("sseBody", () => {
  it("sends the retry hint, then what one turn wrote as one chunk", async () => {
    const s = open();
    s.channel().write("data: 1\n\n");
    s.channel().write("data: 2\n\n");
    expect(await s.next()).toBe("retry: 3000\n\ndata: 1\n\ndata: 2\n\n");
    s.channel().write("data: 3\n\n");
    expect(await s.next()).toBe("data: 3\n\n");
    s.abort.abort();
  });

  it("ends with the given event after what is queued, and closes once", async () => {
    const s = open();
    s.channel().write("data: 1\n\n");
    s.channel().end("event: end\ndata: {}\n\n");
    s.channel().write("data: ignored\n\n");
    expect(await s.next()).toBe("retry: 3000\n\ndata: 1\n\nevent: end\ndata: {}\n\n");
    expect(await s.next()).toBeNull();
    expect(s.channel().closed).toBe(true);
    expect(s.onClose).toHaveBeenCalledTimes(1);
  });

  it("closes when the client goes away, and cleans up once", async () => {
    const s = open();
    s.abort.abort();
    expect(s.onClose).toHaveBeenCalledTimes(1);
    expect(s.channel().closed).toBe(true);
    s.channel().write("data: late\n\n");
    expect(await s.next()).toBeNull();
  });

  it("ends a client that leaves more than the bound unread with the overflow event", async () => {
    const s = open({ maxBufferedBytes: 1000, overflowEvent: "event: end\ndata: slow\n\n" });
    s.channel().write(`data: ${"x".repeat(70 * 1024)}\n\n`);
    await new Promise((resolve) => setImmediate(resolve));
    expect(s.channel().closed).toBe(true);
    let text = "";
    for (let chunk = await s.next(); chunk !== null; chunk = await s.next()) text += chunk;
    expect(text.endsWith("event: end\ndata: slow\n\n")).toBe(true);
    expect(s.onClose).toHaveBeenCalledTimes(1);
  });

  it("sends heartbeats and ends at the token's expiry with the expiry event", async () => {
    vi.useFakeTimers({ now: Date.parse("2026-01-01T00:00:00Z") });
    try {
      const s = open({
        heartbeatMs: 1000,
        closeAt: Date.now() + 2500,
        expiryEvent: "event: end\ndata: expired\n\n",
      });
      await vi.advanceTimersByTimeAsync(3000);
      let text = "";
      for (let chunk = await s.next(); chunk !== null; chunk = await s.next()) text += chunk;
      expect(text.match(/: heartbeat /g)).toHaveLength(2);
      expect(text.endsWith("event: end\ndata: expired\n\n")).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});
