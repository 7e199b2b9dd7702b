import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "@/lib/errors";
import { ProbeHub, type ProbeFn } from "@/lib/probe/server";
import { SseParser, type SseMessage } from "@/lib/probe/browser/sse-parser";
import {
  hubEpoch,
  parseProbeStreamQuery,
  probeEventStream,
  thinning,
  voteInterval,
  type ProbeStreamSetup,
} from "@/lib/probe/server/stream";
import { EAST, GLOBAL, WEST, sample, targetsEvent } from "@/tests/unit/probe/fixtures";

const GROUP =
  "/subscriptions/s/resourcegroups/rg/providers/microsoft.containerregistry/registries/contoso";

/** Answers at once: cold first, warm after. */
const probe: ProbeFn = async (_t, _call) => ({
  at: new Date().toISOString(),
  verdict: "ok",
  status: 401,
  reused: true,
  remoteAddress: "127.0.0.1",
  phases: { dnsMs: null, connectMs: null, tlsMs: null, sendMs: 0.1, ttfbMs: 10, totalMs: 11 },
});

let hub: ProbeHub;
const readers: ReadableStreamDefaultReader<Uint8Array>[] = [];

beforeEach(() => {
  vi.useFakeTimers({ now: Date.parse("2026-01-01T00:00:00Z") });
  hub = new ProbeHub({ probe, intervalMs: 1000, lingerMs: 0 });
});
afterEach(() => {
  for (const r of readers.splice(0)) r.cancel().catch(() => undefined);
  hub.close();
  vi.useRealTimers();
});

/** Opens a stream and collects its events as a client parses them. */
function open(overrides: Partial<ProbeStreamSetup> = {}) {
  const abort = new AbortController();
  const body = probeEventStream({
    hub,
    group: GROUP,
    meta: { ...targetsEvent([GLOBAL, WEST]), targets: [GLOBAL, WEST] },
    intervalMs: 1000,
    signal: abort.signal,
    recheck: async () => [GLOBAL, WEST],
    ...overrides,
  });
  const reader = body.getReader();
  readers.push(reader);
  const events: SseMessage[] = [];
  const parser = new SseParser();
  const decoder = new TextDecoder();
  const state = { done: false, comments: 0 };
  void (async () => {
    for (;;) {
      const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (done) break;
      events.push(...parser.push(decoder.decode(value, { stream: true })));
      state.comments = parser.comments;
    }
    state.done = true;
  })();
  const samples = () => events.filter((e) => e.event === "message").map((e) => JSON.parse(e.data));
  return { events, samples, state, abort };
}

describe("probeEventStream", () => {
  it("sends the targets first, then each sample with id <epoch>:<seq>", async () => {
    const s = open();
    await vi.advanceTimersByTimeAsync(2_100);
    expect(s.events[0]?.event).toBe("targets");
    expect(JSON.parse(s.events[0]!.data)).toMatchObject({ intervalMs: 1000, loopIntervalMs: 1000 });
    const samples = s.samples();
    expect(samples.length).toBeGreaterThanOrEqual(4);
    const ids = s.events.filter((e) => e.event === "message").map((e) => e.lastEventId);
    expect(ids).toEqual(samples.map((x) => `${hubEpoch(hub)}:${x.seq}`));
  });

  it("replays what a cursor of this hub missed, and everything kept for a foreign cursor", async () => {
    const first = open();
    await vi.advanceTimersByTimeAsync(3_100);
    const all = first.samples().map((x) => x.seq);
    const cut = all[2] as number;
    const resumed = open({ since: { epoch: hubEpoch(hub), seq: cut } });
    await vi.advanceTimersByTimeAsync(0);
    expect(resumed.samples().map((x) => x.seq)).toEqual(all.filter((q) => q > cut));
    const foreign = open({ since: { epoch: "otherhub", seq: 999_999 } });
    await vi.advanceTimersByTimeAsync(0);
    expect(foreign.samples().map((x) => x.seq)).toEqual(all);
  });

  it("sends heartbeats while nothing else happens", async () => {
    const s = open({ heartbeatMs: 500 });
    await vi.advanceTimersByTimeAsync(1_600);
    expect(s.state.comments).toBe(3);
  });

  it("ends with event end at the token's expiry, and unsubscribes", async () => {
    const s = open({ closeAt: Date.now() + 1_500 });
    await vi.advanceTimersByTimeAsync(1_600);
    const end = s.events.at(-1);
    expect(end?.event).toBe("end");
    expect(JSON.parse(end!.data).reason).toBe("token-expired");
    expect(s.state.done).toBe(true);
    await vi.advanceTimersByTimeAsync(10);
    expect(hub.activeHosts()).toEqual([]);
  });

  it("ends with event error once the re-read is refused, and stops probing", async () => {
    const s = open({
      recheckEveryMs: 1_000,
      recheck: async () => {
        throw new ApiError(403, "AuthorizationFailed", "no read");
      },
    });
    await vi.advanceTimersByTimeAsync(1_050);
    const last = s.events.at(-1);
    expect(last?.event).toBe("error");
    expect(JSON.parse(last!.data).error).toMatchObject({
      status: 403,
      code: "AuthorizationFailed",
    });
    await vi.advanceTimersByTimeAsync(10);
    expect(s.state.done).toBe(true);
    expect(hub.activeHosts()).toEqual([]);
  });

  it("keeps streaming when ARM fails for another reason (throttled, unavailable)", async () => {
    let calls = 0;
    const s = open({
      recheckEveryMs: 500,
      recheck: async () => {
        calls++;
        throw new ApiError(calls % 2 ? 429 : 503, "Busy", "later");
      },
    });
    await vi.advanceTimersByTimeAsync(2_100);
    expect(calls).toBe(4);
    expect(s.state.done).toBe(false);
    expect(s.events.some((e) => e.event === "error")).toBe(false);
  });

  it("follows a change of endpoints with a new targets event", async () => {
    let targets = [GLOBAL, WEST];
    const s = open({ recheckEveryMs: 1_000, recheck: async () => targets });
    await vi.advanceTimersByTimeAsync(1_100);
    targets = [GLOBAL, EAST];
    await vi.advanceTimersByTimeAsync(2_000);
    const metas = s.events.filter((e) => e.event === "targets").map((e) => JSON.parse(e.data));
    expect(metas.map((m) => m.targets.map((t: { host: string }) => t.host))).toEqual([
      [GLOBAL.host, WEST.host],
      [GLOBAL.host, EAST.host],
    ]);
    expect(s.samples().some((x) => x.host === EAST.host)).toBe(true);
    expect(hub.activeHosts().sort()).toEqual([EAST.host, GLOBAL.host].sort());
  });

  it("gives every stream of a host the same samples, with the address only where pinned", async () => {
    const overview = open();
    const pinned = open({ includeAddresses: true });
    const other = open();
    await vi.advanceTimersByTimeAsync(2_100);
    const ofWest = (s: ReturnType<typeof open>) => s.samples().filter((x) => x.host === WEST.host);
    const seqs = ofWest(pinned).map((x) => x.seq);
    expect(seqs.length).toBeGreaterThanOrEqual(2);
    expect(ofWest(overview).map((x) => x.seq)).toEqual(seqs);
    expect(ofWest(other)).toEqual(ofWest(overview));
    expect(ofWest(overview).every((x) => x.remoteAddress === null)).toBe(true);
    expect(ofWest(pinned).every((x) => x.remoteAddress === "127.0.0.1")).toBe(true);
    expect({ ...ofWest(overview)[0], remoteAddress: "127.0.0.1" }).toEqual(ofWest(pinned)[0]);
  });

  it("closes and unsubscribes when the request's signal aborts", async () => {
    const s = open();
    await vi.advanceTimersByTimeAsync(1_100);
    s.abort.abort();
    await vi.advanceTimersByTimeAsync(10);
    expect(s.state.done).toBe(true);
    expect(hub.activeHosts()).toEqual([]);
  });
});

describe("per-viewer intervals over one loop", () => {
  it("runs the loop at the smallest interval of its viewers and follows them as they leave", () => {
    const a = voteInterval(hub, GROUP, 5_000);
    expect(hub.intervalOf(GROUP)).toBe(5_000);
    const b = voteInterval(hub, GROUP, 1_000);
    expect(hub.intervalOf(GROUP)).toBe(1_000);
    b();
    expect(hub.intervalOf(GROUP)).toBe(5_000);
    a();
    a();
    expect(hub.intervalOf(GROUP)).toBe(5_000);
  });

  it("thins a host's samples to the viewer's interval but never holds back a verdict change", () => {
    const pass = thinning(3_000);
    const at = (s: number) => new Date(Date.parse("2026-01-01T00:00:00Z") + s * 1000).toISOString();
    const seen = [0, 1, 2, 3, 4, 5, 6]
      .map((s) => sample(WEST, { at: at(s), verdict: s === 4 ? "refused" : "ok" }))
      .filter(pass)
      .map((x) => `${Date.parse(x.at) / 1000 - Date.parse(at(0)) / 1000}:${x.verdict}`);
    expect(seen).toEqual(["0:ok", "3:ok", "4:refused", "5:ok"]);
    // Another host has its own spacing.
    expect(pass(sample(EAST, { at: at(1) }))).toBe(true);
  });
});

describe("parseProbeStreamQuery", () => {
  const id =
    "/subscriptions/6b1f3e2a-4c5d-4e8f-9a0b-1c2d3e4f5a60/resourceGroups/rg-registry-prod/providers/Microsoft.ContainerRegistry/registries/contosoprod";
  const req = (query: string, headers: Record<string, string> = {}) =>
    new Request(`http://c.test/api/probes/stream?${query}`, { headers });

  it("parses the registry id into its parts, literal segments in any case", () => {
    const lower = id.toLowerCase().replace("contosoprod", "ContosoProd");
    expect(parseProbeStreamQuery(req(`registryId=${encodeURIComponent(lower)}`)).registry).toEqual({
      subscriptionId: "6b1f3e2a-4c5d-4e8f-9a0b-1c2d3e4f5a60",
      resourceGroup: "rg-registry-prod",
      name: "ContosoProd",
    });
  });

  it("accepts ARM's resource group characters (letters of any script, parentheses, dots)", () => {
    const unusual = id.replace("rg-registry-prod", "Équipe_(prod).eu");
    const q = parseProbeStreamQuery(req(`registryId=${encodeURIComponent(unusual)}`));
    expect(q.registry.resourceGroup).toBe("Équipe_(prod).eu");
  });

  it("takes the resume position from Last-Event-ID over since", () => {
    const q = parseProbeStreamQuery(
      req(`registryId=${encodeURIComponent(id)}&since=aa:5&intervalMs=5000&region=eastus`, {
        "last-event-id": "bb:9",
      }),
    );
    expect(q).toMatchObject({ since: { epoch: "bb", seq: 9 }, intervalMs: 5000, region: "eastus" });
  });

  it.each([
    ["an unknown parameter", `registryId=${encodeURIComponent(id)}&host=x`],
    [
      "a repeated parameter",
      `registryId=${encodeURIComponent(id)}&registryId=${encodeURIComponent(id)}`,
    ],
    [
      "a group ending in a dot",
      `registryId=${encodeURIComponent(id.replace("rg-registry-prod", "rg."))}`,
    ],
    ["an interval above 60 s", `registryId=${encodeURIComponent(id)}&intervalMs=60001`],
  ])("refuses %s with 400", (_, query) => {
    expect(() => parseProbeStreamQuery(req(query))).toThrow(
      expect.objectContaining({ status: 400, code: "InvalidInput" }),
    );
  });
});
