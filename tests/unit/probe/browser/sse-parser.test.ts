import { describe, expect, it } from "vitest";
import { SseParser } from "@/lib/probe/browser/sse-parser";
import { encodeEvent } from "@/lib/probe/shared/events";
import { WEST, sample, targetsEvent } from "@/tests/unit/probe/fixtures";

const feed = (chunks: string[]) => {
  const parser = new SseParser();
  return { events: chunks.flatMap((c) => parser.push(c)), parser };
};

describe("SseParser", () => {
  it("reads events split anywhere across chunks", () => {
    const text = 'id: a:1\ndata: {"x":1}\n\nevent: targets\ndata: {}\n\n';
    for (let cut = 0; cut <= text.length; cut++) {
      const { events } = feed([text.slice(0, cut), text.slice(cut)]);
      expect(events).toEqual([
        { event: "message", data: '{"x":1}', lastEventId: "a:1", hasId: true },
        { event: "targets", data: "{}", lastEventId: "a:1", hasId: false },
      ]);
    }
  });

  it("accepts CRLF and CR line ends, also a CRLF split between chunks", () => {
    expect(feed(["data: a\r\n\r\ndata: b\r\r"]).events.map((e) => e.data)).toEqual(["a", "b"]);
    expect(feed(["data: a\r", "\n\r", "\n"]).events.map((e) => e.data)).toEqual(["a"]);
  });

  it("joins multi-line data, skips comments, strips a BOM, reads retry", () => {
    const { events, parser } = feed(["\uFEFF: heartbeat\nretry: 3000\ndata: one\ndata: two\n\n"]);
    expect(events.map((e) => e.data)).toEqual(["one\ntwo"]);
    expect(parser.comments).toBe(1);
    expect(parser.retryMs).toBe(3000);
  });

  it("dispatches nothing for an event without data, and ignores an id with NUL", () => {
    const { events, parser } = feed(["id: x:1\n\nid: bad\0\ndata: d\n\n"]);
    expect(events).toEqual([{ event: "message", data: "d", lastEventId: "x:1", hasId: false }]);
    expect(parser.lastEventId).toBe("x:1");
  });

  it("reads back what the server encodes", () => {
    const s = sample(WEST);
    const meta = targetsEvent([WEST]);
    const { events } = feed([
      encodeEvent({ type: "targets", data: meta }),
      encodeEvent({ type: "sample", id: `ep:${s.seq}`, sample: s }),
      encodeEvent({ type: "end", data: { reason: "token-expired", message: "m" } }),
    ]);
    expect(events.map((e) => e.event)).toEqual(["targets", "message", "end"]);
    expect(JSON.parse(events[0]!.data)).toEqual(meta);
    expect(JSON.parse(events[1]!.data)).toEqual(s);
    expect(events[1]!.lastEventId).toBe(`ep:${s.seq}`);
  });
});
