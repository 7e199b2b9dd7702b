import { afterEach, describe, expect, it, vi } from "vitest";
import { encodeEvent } from "@/lib/probe/shared/events";
import {
  openProbeStream,
  probeStreamUrl,
  retryDelay,
  type StreamState,
} from "@/lib/probe/browser/stream";
import { WEST, sample, targetsEvent } from "@/tests/unit/probe/fixtures";

const REGISTRY_ID =
  "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-prod/providers/Microsoft.ContainerRegistry/registries/contoso";

interface Call {
  url: string;
  headers: Record<string, string>;
}

/** A fake server: each connection gets the next script (a response, or a body to stream). */
function fakeServer(scripts: ((call: Call) => Response)[]) {
  const calls: Call[] = [];
  const fetch = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
    const call = { url: String(url), headers: { ...(init?.headers as Record<string, string>) } };
    calls.push(call);
    const script = scripts.shift();
    if (!script) return new Promise<Response>(() => undefined); // hangs: the test ends first
    return script(call);
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls };
}

/** A streamed body: `chunks`, then the connection ends (or stays open with `keepOpen`). */
function sse(chunks: string[], keepOpen = false): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      for (const chunk of chunks) c.enqueue(encoder.encode(chunk));
      if (!keepOpen) c.close();
    },
  });
  return new Response(body, { headers: { "content-type": "text/event-stream" } });
}

const json = (status: number, code: string) =>
  Response.json({ error: { code, message: `${code} happened`, status } }, { status });

function collect() {
  const states: StreamState[] = [];
  const samples: number[] = [];
  const targets: string[][] = [];
  return {
    states,
    samples,
    targets,
    handlers: {
      onState: (s: StreamState) => states.push(s),
      onSample: (s: { seq: number }) => samples.push(s.seq),
      onTargets: (t: { targets: { host: string }[] }) => targets.push(t.targets.map((x) => x.host)),
    },
  };
}

const handles: { close(): void }[] = [];
afterEach(() => {
  for (const h of handles.splice(0)) h.close();
});

describe("probeStreamUrl", () => {
  it("carries the registry id, region and interval as query parameters only", () => {
    expect(probeStreamUrl({ registryId: REGISTRY_ID, region: "eastus", intervalMs: 5000 })).toBe(
      `/api/probes/stream?registryId=${encodeURIComponent(REGISTRY_ID)}&region=eastus&intervalMs=5000`,
    );
  });
});

describe("openProbeStream", () => {
  it("sends the bearer token, and resumes with Last-Event-ID after the server ends a connection", async () => {
    const a = sample(WEST);
    const b = sample(WEST);
    const server = fakeServer([
      () =>
        sse([
          encodeEvent({ type: "targets", data: targetsEvent([WEST]) }),
          encodeEvent({ type: "sample", id: `ep:${a.seq}`, sample: a }),
          encodeEvent({ type: "end", data: { reason: "token-expired", message: "again" } }),
        ]),
      () => sse([encodeEvent({ type: "sample", id: `ep:${b.seq}`, sample: b })], true),
    ]);
    const c = collect();
    let token = 0;
    handles.push(
      openProbeStream({
        registryId: REGISTRY_ID,
        getToken: async () => `token-${++token}`,
        fetch: server.fetch,
        ...c.handlers,
      }),
    );
    await vi.waitFor(() => expect(c.samples).toEqual([a.seq, b.seq]));
    expect(server.calls[0]?.headers).toMatchObject({
      authorization: "Bearer token-1",
      accept: "text/event-stream",
    });
    expect(server.calls[0]?.headers["last-event-id"]).toBeUndefined();
    // A fresh token and the cursor on the next connection.
    expect(server.calls[1]?.headers).toMatchObject({
      authorization: "Bearer token-2",
      "last-event-id": `ep:${a.seq}`,
    });
    expect(c.targets).toEqual([[WEST.host]]);
    expect(c.states.map((s) => s.state)).toEqual(["connecting", "live", "connecting", "live"]);
  });

  it("with readEveryMs, reads what arrived meanwhile at once instead of one read per sample", async () => {
    // A body like the browser's: bytes wait in its buffer until the page reads, and a read
    // takes all of them.
    const encoder = new TextEncoder();
    let pending = encodeEvent({ type: "targets", data: targetsEvent([WEST]) });
    let reads = 0;
    const producer = setInterval(() => {
      const s = sample(WEST);
      pending += encodeEvent({ type: "sample", id: `ep:${s.seq}`, sample: s });
    }, 5);
    const body = new ReadableStream<Uint8Array>(
      {
        async pull(c) {
          while (pending === "") await new Promise((r) => setTimeout(r, 1));
          reads++;
          c.enqueue(encoder.encode(pending));
          pending = "";
        },
      },
      { highWaterMark: 0 },
    );
    const server = fakeServer([
      () => new Response(body, { headers: { "content-type": "text/event-stream" } }),
    ]);
    const c = collect();
    handles.push(
      openProbeStream({
        registryId: REGISTRY_ID,
        getToken: async () => "t",
        fetch: server.fetch,
        readEveryMs: 100,
        ...c.handlers,
      }),
    );
    try {
      await vi.waitFor(() => expect(c.samples.length).toBeGreaterThanOrEqual(40), {
        timeout: 2000,
      });
    } finally {
      clearInterval(producer);
    }
    // Forty samples or more, every one delivered in order, in a few reads.
    expect(c.samples).toEqual([...c.samples].sort((x, y) => x - y));
    expect(reads).toBeLessThan(c.samples.length / 4);
  });

  it("starts from a given cursor", async () => {
    const server = fakeServer([() => sse([], true)]);
    const c = collect();
    handles.push(
      openProbeStream({
        registryId: REGISTRY_ID,
        cursor: "ep:41",
        getToken: async () => "t",
        fetch: server.fetch,
        ...c.handlers,
      }),
    );
    await vi.waitFor(() => expect(server.calls).toHaveLength(1));
    expect(server.calls[0]?.headers["last-event-id"]).toBe("ep:41");
  });

  it.each([
    [403, "AuthorizationFailed"],
    [404, "ResourceNotFound"],
    [400, "InvalidInput"],
  ])("stops for good on %s (the user must act)", async (status, code) => {
    const server = fakeServer([() => json(status, code)]);
    const c = collect();
    handles.push(
      openProbeStream({
        registryId: REGISTRY_ID,
        getToken: async () => "t",
        fetch: server.fetch,
        ...c.handlers,
      }),
    );
    await vi.waitFor(() => expect(c.states.at(-1)?.state).toBe("failed"));
    const last = c.states.at(-1);
    expect(last?.state === "failed" && last.error).toMatchObject({ status, code });
    expect(server.calls).toHaveLength(1);
  });

  it("stops on an error event (access lost mid-stream)", async () => {
    const server = fakeServer([
      () =>
        sse([
          encodeEvent({
            type: "error",
            data: { error: { code: "AuthorizationFailed", message: "m", status: 403 } },
          }),
        ]),
    ]);
    const c = collect();
    handles.push(
      openProbeStream({
        registryId: REGISTRY_ID,
        getToken: async () => "t",
        fetch: server.fetch,
        ...c.handlers,
      }),
    );
    await vi.waitFor(() => expect(c.states.at(-1)?.state).toBe("failed"));
    expect(server.calls).toHaveLength(1);
  });

  it("retries a server error and a dropped connection with back-off, keeping the cursor", async () => {
    const a = sample(WEST);
    const server = fakeServer([
      () => json(503, "TokenVerificationUnavailable"),
      () => sse([encodeEvent({ type: "sample", id: `ep:${a.seq}`, sample: a })]),
      () => sse([], true),
    ]);
    const c = collect();
    handles.push(
      openProbeStream({
        registryId: REGISTRY_ID,
        getToken: async () => "t",
        fetch: server.fetch,
        ...c.handlers,
      }),
    );
    await vi.waitFor(() => expect(server.calls).toHaveLength(3), { timeout: 5_000 });
    expect(c.states.filter((s) => s.state === "retrying")).toHaveLength(2);
    expect(server.calls[2]?.headers["last-event-id"]).toBe(`ep:${a.seq}`);
  });

  it("tries a 401 once more with a new token, then stops", async () => {
    const server = fakeServer([() => json(401, "InvalidToken"), () => json(401, "InvalidToken")]);
    const c = collect();
    handles.push(
      openProbeStream({
        registryId: REGISTRY_ID,
        getToken: async () => "t",
        fetch: server.fetch,
        ...c.handlers,
      }),
    );
    await vi.waitFor(() => expect(c.states.at(-1)?.state).toBe("failed"), { timeout: 5_000 });
    expect(server.calls).toHaveLength(2);
  });

  it("reports nothing after close", async () => {
    const server = fakeServer([() => sse([], true)]);
    const c = collect();
    const handle = openProbeStream({
      registryId: REGISTRY_ID,
      getToken: async () => "t",
      fetch: server.fetch,
      ...c.handlers,
    });
    await vi.waitFor(() => expect(c.states.at(-1)?.state).toBe("live"));
    handle.close();
    const count = c.states.length;
    await new Promise((r) => setTimeout(r, 50));
    expect(c.states).toHaveLength(count);
  });

  it("backs off 1 s, 2 s, 4 s ... up to 30 s", () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(retryDelay)).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000, 30000,
    ]);
  });
});
