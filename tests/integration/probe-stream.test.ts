import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getRegistry } from "@/lib/azure/registries";
import { createArmClients } from "@/lib/azure/client";
import {
  sharedProbeHub,
  targetsFromRegistry,
  type ProbeSample,
  type ProbeTarget,
} from "@/lib/probe/server";
import { control } from "../support/emulator-client";
import { GET as getReplicasRoute } from "@/app/api/subscriptions/[subscriptionId]/resourceGroups/[resourceGroup]/registries/[registryName]/replications/route";
import { GET as getRegistryRoute } from "@/app/api/subscriptions/[subscriptionId]/resourceGroups/[resourceGroup]/registries/[registryName]/route";
import {
  armRequests,
  callRoute,
  pointConsoleAtEmulator,
  registryParams,
  tokenFor,
} from "./console-api-support";
import {
  clearRequestLog,
  dataPlaneRequests,
  openStream,
  registryIdOf,
  refusal,
  type OpenStream,
} from "./probe-stream-support";

/*
 * The stream route called in-process against the emulator: real token, real ARM read, the
 * process-wide probe hub connecting every registry host to the emulated data plane.
 */

const endpoints = pointConsoleAtEmulator();
const INTERVAL = "1000";

let operator: string;
let prodId: string;
let prodTargets: ProbeTarget[];
const open: OpenStream[] = [];

async function stream(query: Record<string, string>, lastEventId?: string) {
  const s = await openStream({ token: operator, query, lastEventId });
  open.push(s);
  return s;
}

const regional = (region: string) => {
  const t = prodTargets.find((x) => x.kind === "regional" && x.region === region);
  if (!t) throw new Error(`no regional endpoint in ${region}`);
  return t;
};

beforeAll(async () => {
  operator = await tokenFor(endpoints, "operator");
  prodId = await registryIdOf(endpoints, "contosoprod");
});

beforeEach(async () => {
  await control(endpoints, "reset");
  sharedProbeHub().close();
  // ARM data read independently of the route, as the reference for what must be probed.
  const [, , subscriptionId = "", , resourceGroup = "", , , , name = ""] = prodId.split("/");
  const registry = await getRegistry(
    createArmClients({ token: operator, expiresOnTimestamp: Date.now() + 600_000 }),
    { subscriptionId, resourceGroup, name },
  );
  prodTargets = targetsFromRegistry(registry);
});

afterEach(async () => {
  for (const s of open.splice(0)) s.abort();
  sharedProbeHub().close();
  await control(endpoints, "reset");
});

describe("GET /api/probes/stream", () => {
  it("streams one JSON event per sample for every endpoint of a Premium registry", async () => {
    const s = await stream({ registryId: prodId, intervalMs: INTERVAL });
    expect(s.status).toBe(200);
    expect(s.response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(prodTargets.map((t) => t.kind)).toEqual(expect.arrayContaining(["global", "regional"]));

    const [first] = [await s.waitFor((e) => e.event === "targets", "targets event")];
    expect(first?.json.targets).toEqual(prodTargets);
    expect(first?.json).toMatchObject({ registryId: prodId, region: null, intervalMs: 1000 });

    for (const target of prodTargets) {
      const sample = await s.sample(
        (x) => x.host === target.host && x.reused,
        `warm ${target.host}`,
      );
      expect(sample).toMatchObject({
        host: target.host,
        kind: target.kind,
        region: target.region,
        verdict: "ok",
        status: 401,
        reused: true,
      });
      expect(Date.parse(sample.at)).not.toBeNaN();
      expect(Object.keys(sample.phases)).toEqual(
        expect.arrayContaining(["dnsMs", "connectMs", "tlsMs", "ttfbMs", "totalMs"]),
      );
      expect(sample.phases.ttfbMs).toBeGreaterThan(0);
      expect(Object.keys(sample.stats)).toEqual(
        expect.arrayContaining(["n", "medianMs", "p90Ms", "minMs", "maxMs", "lossPct"]),
      );
      expect(sample.stats.n).toBeGreaterThan(0);
    }
    // Every sample event carries an id `<epoch>:<seq>` matching its seq, increasing.
    const ids = s.events.filter((e) => e.event === "message");
    for (const e of ids) expect(e.lastEventId).toBe(`${e.lastEventId.split(":")[0]}:${e.json.seq}`);
    const seqs = ids.map((e) => e.json.seq as number);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
  });

  it("streams the data endpoints of a registry with dedicated data endpoints", async () => {
    const id = await registryIdOf(endpoints, "sharedbase");
    const s = await stream({ registryId: id, intervalMs: INTERVAL });
    const targets = (await s.waitFor((e) => e.event === "targets", "targets")).json
      .targets as ProbeTarget[];
    const data = targets.filter((t) => t.kind === "data");
    expect(data.length).toBeGreaterThan(1);
    for (const t of data) {
      const sample = await s.sample((x) => x.host === t.host, `sample of ${t.host}`);
      expect(sample).toMatchObject({ kind: "data", region: t.region, verdict: "ok" });
    }
  });

  it("turns a region taken down into refused within one interval, and recovers", async () => {
    const west = regional("westeurope");
    const s = await stream({ registryId: prodId, intervalMs: INTERVAL });
    await s.sample((x) => x.host === west.host && x.reused && x.verdict === "ok", "warm ok");

    await control(endpoints, `regions/westeurope`, { down: true });
    const downAt = Date.now();
    // The first probe that started after the region went down already says so.
    const down = await s.sample(
      (x) => x.host === west.host && Date.parse(x.at) >= downAt,
      "sample after down",
    );
    expect(down).toMatchObject({ verdict: "refused", status: null });
    expect(down.stats.lossPct).toBeGreaterThan(0);

    await control(endpoints, `regions/westeurope`, { down: false });
    const upAt = Date.now();
    const back = await s.sample(
      (x) => x.host === west.host && Date.parse(x.at) >= upAt && x.verdict === "ok",
      "ok again",
    );
    expect(back.status).toBe(401);
    // Other regions never noticed.
    const east = regional("eastus");
    const eastSamples = s.samples().filter((x) => x.host === east.host);
    expect(eastSamples.length).toBeGreaterThan(0);
    expect(eastSamples.every((x) => x.verdict === "ok")).toBe(true);
  });

  it("shares one probe loop between two concurrent streams", async () => {
    const a = await stream({ registryId: prodId, intervalMs: INTERVAL });
    const west = regional("westeurope");
    await a.sample((x) => x.host === west.host && x.reused, "A warm");
    const b = await stream({ registryId: prodId, intervalMs: INTERVAL });
    await clearRequestLog(endpoints);
    // Probes already under way when the log was cleared are left out of the count.
    const clearedAt = Date.now();
    const from = Math.max(...a.samples().map((x) => x.seq));

    // Let every endpoint be probed a few more times with both viewers attached.
    const last = await b.sample(
      (x) => x.host === west.host && x.seq > from + 3 * prodTargets.length,
      "B live",
    );
    await a.sample((x) => x.seq === last.seq, "A has B's sample");
    const seen = (s: OpenStream) => s.samples().filter((x) => x.seq > from && x.seq <= last.seq);
    const inA = seen(a).map((x) => x.seq);
    const inB = seen(b).map((x) => x.seq);
    // Both viewers received the very same samples: one sample per probe, delivered twice.
    expect(inB).toEqual(inA);

    const probed = (host: string) =>
      seen(a).filter((x) => x.host === host && Date.parse(x.at) >= clearedAt).length;
    // The emulator logs a request once its answer is finished, which can be a moment after the
    // stream delivered it: wait until the log has caught up with what was seen.
    const logged = async (host: string) =>
      (await dataPlaneRequests(endpoints)).filter((r) => r.host === host && r.path === "/v2/")
        .length;
    for (const target of prodTargets) {
      await expect
        .poll(() => logged(target.host), { timeout: 3_000 })
        .toBeGreaterThanOrEqual(probed(target.host));
      // One request per sample, plus at most one under way at each end (log cleared, log read);
      // two loops would have sent about twice as many.
      expect(await logged(target.host)).toBeLessThanOrEqual(probed(target.host) + 2);
    }
  });

  it("resumes after Last-Event-ID: the samples missed while away come first, none twice", async () => {
    const west = regional("westeurope");
    const first = await stream({ registryId: prodId, intervalMs: INTERVAL });
    await first.sample((x) => x.host === west.host && x.reused, "warm");
    first.abort();
    await first.closed();
    const lastEvent = first.events.filter((e) => e.event === "message").at(-1);
    if (!lastEvent) throw new Error("no sample before the disconnect");
    const lastSeq = lastEvent.json.seq as number;
    const awayFrom = Date.now();

    // The loops keep running a while after the last viewer left; come back a bit later.
    await new Promise((r) => setTimeout(r, 2_500));
    const again = await stream({ registryId: prodId, intervalMs: INTERVAL }, lastEvent.lastEventId);
    await again.sample((x) => Date.parse(x.at) > Date.now() - 500, "live sample after resume");
    const seqs = again.samples().map((x) => x.seq);
    expect(seqs[0]).toBe(lastSeq + 1);
    // Contiguous: every sample the hub took meanwhile (only this registry is probed here).
    expect(seqs.slice(0, 10)).toEqual(Array.from({ length: 10 }, (_, i) => lastSeq + 1 + i));
    const missed = again.samples().filter((x) => Date.parse(x.at) >= awayFrom);
    expect(missed.length).toBeGreaterThan(0);
  });

  it("ends the body when the client goes away", async () => {
    const s = await stream({ registryId: prodId, intervalMs: INTERVAL });
    await s.sample(() => true, "a sample");
    s.abort();
    await s.closed();
    expect(s.ended).toBe(true);
  });

  it("pins to one region's endpoints and refuses a region without any", async () => {
    const s = await stream({ registryId: prodId, region: "westeurope", intervalMs: INTERVAL });
    const targets = (await s.waitFor((e) => e.event === "targets", "targets")).json.targets;
    expect(targets).toEqual(prodTargets.filter((t) => t.region === "westeurope"));
    await s.sample((x) => x.region === "westeurope", "westeurope sample");
    expect(s.samples().every((x: ProbeSample) => x.region === "westeurope")).toBe(true);

    const { status, body } = await refusal({
      token: operator,
      query: { registryId: prodId, region: "westus2" },
    });
    expect(status).toBe(404);
    expect(body.error.code).toBe("NoEndpointsInRegion");
  });

  it("runs the shared loop at the fastest viewer's interval and thins the slower viewer", async () => {
    const west = regional("westeurope");
    const slow = await stream({ registryId: prodId, region: "westeurope", intervalMs: "3000" });
    const fast = await stream({ registryId: prodId, region: "westeurope", intervalMs: "1000" });
    const meta = (await fast.waitFor((e) => e.event === "targets", "targets")).json;
    expect(meta.loopIntervalMs).toBe(1000);
    const start = Date.now();
    await fast.sample(
      (x) => x.host === west.host && Date.parse(x.at) > start + 6_500,
      "7 s of samples",
    );
    const times = (s: OpenStream) =>
      s
        .samples()
        .filter((x) => x.host === west.host && Date.parse(x.at) >= start)
        .map((x) => Date.parse(x.at));
    const gaps = (t: number[]) => t.slice(1).map((v, i) => v - (t[i] as number));
    // The slow viewer never gets a host's samples closer than its interval (less 10 % jitter).
    expect(Math.min(...gaps(times(slow)))).toBeGreaterThanOrEqual(2_700);
    expect(times(fast).length).toBeGreaterThan(times(slow).length);
  });

  it("adds no ARM read to a registry page: the stream reuses the page's own registry read", async () => {
    const params = await registryParams(endpoints, operator, "contosoprod");
    await clearRequestLog(endpoints);
    const registry = await callRoute(getRegistryRoute, { token: operator, params });
    await callRoute(getReplicasRoute, {
      token: operator,
      params,
      query: { location: registry.body.location },
    });
    const s = await stream({ registryId: registry.body.id, intervalMs: INTERVAL });
    await s.sample(() => true, "a sample");
    const reads = (await armRequests(endpoints))
      // Further pages of the replication list belong to the same read.
      .filter((r) => !r.path.includes("$skipToken="))
      .map((r) => `${r.method} ${r.path.split("?")[0]!.replace(/^.*\/registries\//, "")}`);
    expect(reads).toEqual(["GET contosoprod", "GET contosoprod/replications"]);
  });

  it("reads the registry from ARM itself when the caller has not just read it", async () => {
    await clearRequestLog(endpoints);
    const teamlead = await tokenFor(endpoints, "teamlead");
    const s = await openStream({
      token: teamlead,
      query: { registryId: prodId, intervalMs: INTERVAL },
    });
    open.push(s);
    await s.sample(() => true, "a sample");
    const reads = (await armRequests(endpoints)).map((r) => `${r.method} ${r.path.split("?")[0]}`);
    expect(reads).toEqual([`GET ${prodId}`]);
  });
});
