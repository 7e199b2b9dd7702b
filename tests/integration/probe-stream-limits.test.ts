import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { GET } from "@/app/api/probes/stream/route";
import { forgetRegistryRead } from "@/lib/azure/recent-reads";
import { sharedProbeHub } from "@/lib/probe/server";
import { control } from "../support/emulator-client";
import { armRequests, pointConsoleAtEmulator, tokenFor } from "./console-api-support";
import { OpenStream, openStream, registryIdOf } from "./probe-stream-support";

/*
 * What one caller can make the server do through probe streams is bounded: streams per caller,
 * endpoints probed per caller and in total; beyond them a 429 with Retry-After, and nothing is
 * read from ARM or probed for the refused stream. Another caller is not affected by one caller
 * reaching its limits. Many streams opened at once by one caller cost one ARM read.
 */

const endpoints = pointConsoleAtEmulator();

let operator: string;
let teamlead: string;
const ids: Record<string, string> = {};
const open: OpenStream[] = [];

/** Opens a stream; an admitted one is kept open (and closed after the test). */
async function stream(token: string, name: string) {
  const url = new URL("http://console.test/api/probes/stream");
  url.searchParams.set("registryId", ids[name]!);
  url.searchParams.set("intervalMs", "5000");
  const abort = new AbortController();
  const response = await GET(
    new Request(url, { headers: { authorization: `Bearer ${token}` }, signal: abort.signal }),
  );
  if (response.status !== 200) return { status: response.status, response };
  const s = new OpenStream(response, abort);
  open.push(s);
  return s;
}

/** The first event of an admitted stream: its targets. */
async function targetsOf(s: OpenStream) {
  const event = await s.waitFor((e) => e.event === "targets", "targets");
  return event.json.targets as { host: string }[];
}

async function refusedWith(s: { status: number; response: Response }) {
  expect(s.response.headers.get("content-type")).toContain("application/json");
  const body = (await s.response.json()) as { error: { code: string } };
  return {
    status: s.status,
    code: body.error.code,
    retryAfter: s.response.headers.get("retry-after"),
  };
}

beforeAll(async () => {
  await control(endpoints, "reset");
  operator = await tokenFor(endpoints, "operator");
  teamlead = await tokenFor(endpoints, "teamlead");
  for (const name of ["contosoprod", "sharedbase", "fabrikamstaging", "contosoweb", "contosoml"])
    ids[name] = await registryIdOf(endpoints, name);
});

beforeEach(() => sharedProbeHub().close());
afterEach(() => {
  for (const s of open.splice(0)) s.abort();
  sharedProbeHub().close();
  for (const name of ["PROBE_STREAMS_PER_CALLER", "PROBE_HOSTS_PER_CALLER", "PROBE_HOSTS_TOTAL"])
    vi.stubEnv(name, "");
});

describe("streams per caller", () => {
  it("refuses a caller's stream beyond PROBE_STREAMS_PER_CALLER with 429 and Retry-After, before any ARM read", async () => {
    vi.stubEnv("PROBE_STREAMS_PER_CALLER", "2");
    expect((await stream(operator, "fabrikamstaging")).status).toBe(200);
    expect((await stream(operator, "contosoweb")).status).toBe(200);
    await control(endpoints, "requests", undefined, "DELETE");
    const third = await stream(operator, "contosoml");
    expect(await refusedWith(third)).toEqual({
      status: 429,
      code: "TooManyProbeStreams",
      retryAfter: "10",
    });
    expect(await armRequests(endpoints)).toEqual([]);

    // Another caller is not held to the operator's count.
    expect((await stream(teamlead, "contosoml")).status).toBe(200);
    // A closed stream gives its slot back.
    open[0]!.abort();
    expect((await stream(operator, "contosoml")).status).toBe(200);
  });
});

describe("endpoints probed", () => {
  it("refuses a stream that would take a caller past PROBE_HOSTS_PER_CALLER; another caller can still probe", async () => {
    const prod = (await stream(operator, "contosoprod")) as OpenStream;
    const prodHosts = (await targetsOf(prod)).length;
    const probe = (await stream(teamlead, "sharedbase")) as OpenStream;
    const sharedHosts = (await targetsOf(probe)).length;
    probe.abort();
    expect(prodHosts).toBeGreaterThan(1);

    vi.stubEnv("PROBE_HOSTS_PER_CALLER", String(prodHosts + sharedHosts - 1));
    const refused = await stream(operator, "sharedbase");
    expect(await refusedWith(refused)).toMatchObject({ status: 429, code: "ProbeFanOutLimit" });
    expect(refused.response.headers.get("retry-after")).toMatch(/^\d+$/);
    // The same hosts again (a second tab of the same registry) add nothing to the caller's count.
    expect((await stream(operator, "contosoprod")).status).toBe(200);
    expect((await stream(teamlead, "sharedbase")).status).toBe(200);
  });

  it("refuses new hosts beyond PROBE_HOSTS_TOTAL for everyone, and keeps serving hosts already probed", async () => {
    const prod = (await stream(operator, "contosoprod")) as OpenStream;
    const prodHosts = (await targetsOf(prod)).length;
    vi.stubEnv("PROBE_HOSTS_TOTAL", String(prodHosts));
    const refused = await stream(teamlead, "sharedbase");
    expect(await refusedWith(refused)).toEqual({
      status: 429,
      code: "ProbeCapacityReached",
      retryAfter: "30",
    });
    // Watching what is already probed costs nothing more.
    expect((await stream(teamlead, "contosoprod")).status).toBe(200);
  });
});

describe("access checks", () => {
  it("one caller opening many streams of a registry at once costs one ARM read", async () => {
    forgetRegistryRead(operator, {
      subscriptionId: ids.contosoml!.split("/")[2]!,
      resourceGroup: ids.contosoml!.split("/")[4]!,
      name: "contosoml",
    });
    await control(endpoints, "requests", undefined, "DELETE");
    const streams = await Promise.all(
      Array.from({ length: 5 }, () =>
        openStream({ token: operator, query: { registryId: ids.contosoml!, intervalMs: "5000" } }),
      ),
    );
    open.push(...streams);
    expect(streams.map((s) => s.status)).toEqual([200, 200, 200, 200, 200]);
    const reads = (await armRequests(endpoints)).filter(
      (r) => r.method === "GET" && r.path.split("?")[0]!.endsWith("/registries/contosoml"),
    );
    expect(reads).toHaveLength(1);
  });
});

describe("what a stream tells about the server", () => {
  it("names the configured vantage, not the host; addresses only in the pinned view", async () => {
    vi.stubEnv("PROBE_VANTAGE_NAME", "eastus-prod");
    const overview = (await stream(operator, "contosoprod")) as OpenStream;
    const targets = await overview.waitFor((e) => e.event === "targets", "targets");
    expect(targets.json.vantage).toEqual({ consoleHost: "eastus-prod", mode: "emulator" });
    const sample = await overview.sample((s) => s.status !== null, "an answered sample");
    expect(sample.remoteAddress).toBeNull();

    const pinned = await openStream({
      token: operator,
      query: { registryId: ids.contosoprod!, region: "westeurope", intervalMs: "1000" },
    });
    open.push(pinned);
    const pinnedSample = await pinned.sample((s) => s.status !== null, "an answered sample");
    expect(pinnedSample.remoteAddress).toBe("127.0.0.1");
    vi.stubEnv("PROBE_VANTAGE_NAME", "");
  });
});
