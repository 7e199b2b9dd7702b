import { createServer, connect, type Server, type Socket } from "node:net";
import { performance } from "node:perf_hooks";
import { afterEach, describe, expect, it } from "vitest";
import { latencyLink, SpinGate } from "@/emulator/dataplane/latency-link";

describe("the spin gate of the latency link", () => {
  it("lets deliveries spin while arrivals stay under the rate", () => {
    const gate = new SpinGate(3);
    expect([0, 100, 200].map((t) => gate.arrive(t))).toEqual([true, true, true]);
  });

  it("leaves the rest of a busy second and the whole next one to the timer", () => {
    const gate = new SpinGate(3);
    const busy = [0, 1, 2, 3, 4].map((t) => gate.arrive(t));
    expect(busy).toEqual([true, true, true, false, false]);
    // The second after a busy one: still busy by the previous count.
    expect(gate.arrive(1_000)).toBe(false);
  });

  it("spins again once a whole second stayed under the rate", () => {
    const gate = new SpinGate(3);
    for (let t = 0; t < 5; t++) gate.arrive(t);
    gate.arrive(1_000);
    expect(gate.arrive(2_000)).toBe(true);
    // A gap of several seconds forgets the busy one too.
    for (let t = 3_000; t < 3_005; t++) gate.arrive(t);
    expect(gate.arrive(9_000)).toBe(true);
  });
});

describe("the latency link", () => {
  let server: Server | undefined;
  const sockets: Socket[] = [];
  afterEach(() => {
    for (const s of sockets) s.destroy();
    server?.close();
  });

  /** A client socket and the link in front of its server side, with `delayMs` of RTT. */
  async function pair(delayMs: number, gate: SpinGate) {
    const accepted = new Promise<Socket>((resolve) => {
      server = createServer((raw) => resolve(raw));
    });
    await new Promise<void>((r) => server!.listen(0, "127.0.0.1", () => r()));
    const port = (server!.address() as { port: number }).port;
    const client = connect(port, "127.0.0.1");
    const raw = await accepted;
    sockets.push(client, raw);
    raw.pause();
    const link = latencyLink(raw, () => ({ delayMs, down: false }), [], gate);
    return { client, link };
  }

  /** Sends `chunks` one after another and returns when each was delivered through the link. */
  async function deliveries(delayMs: number, gate: SpinGate, chunks: string[]) {
    const { client, link } = await pair(delayMs, gate);
    const got: { text: string; afterMs: number }[] = [];
    const sentAt: number[] = [];
    const done = new Promise<void>((resolve) => {
      let text = "";
      link.on("data", (chunk: Buffer) => {
        text += chunk.toString();
        got.push({ text: chunk.toString(), afterMs: performance.now() - sentAt[0]! });
        if (text.length === chunks.join("").length) resolve();
      });
    });
    for (const chunk of chunks) {
      sentAt.push(performance.now());
      client.write(chunk);
      await new Promise((r) => setTimeout(r, 5));
    }
    await done;
    return got;
  }

  it.each([
    ["waiting out the last stretch on the event loop", new SpinGate()],
    ["on the timer alone, past the gate's rate", new SpinGate(0)],
  ])("delivers every chunk in order and never before its delay, %s", async (_how, gate) => {
    const got = await deliveries(30, gate, ["a", "b", "c"]);
    expect(got.map((g) => g.text).join("")).toBe("abc");
    // Arrival at the server side cannot precede the send, so the delay is a floor.
    expect(got[0]!.afterMs).toBeGreaterThanOrEqual(30);
  });
});
