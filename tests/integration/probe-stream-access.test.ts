import { readFileSync } from "node:fs";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { forgetRegistryRead } from "@/lib/azure/recent-reads";
import { ProbeHub, parseConnectTo } from "@/lib/probe/server";
import { probeStreamGet } from "@/lib/probe/server/stream";
import { caFetch, control } from "../support/emulator-client";
import { pointConsoleAtEmulator, tokenFor } from "./console-api-support";
import {
  clearRequestLog,
  dataPlaneRequests,
  OpenStream,
  registryIdOf,
} from "./probe-stream-support";

/*
 * What a long-lived stream does after it started: it re-reads the registry with the caller's
 * token (here every 300 ms instead of every 5 minutes), ends with an error event once ARM refuses,
 * follows endpoint changes, and stops probing when its client leaves. A hub of its own with no
 * linger time makes "stops probing" visible at once.
 */

const endpoints = pointConsoleAtEmulator();

let operator: string;
let prodId: string;
let hub: ProbeHub;
const open: OpenStream[] = [];

async function stream(query: Record<string, string>) {
  const url = new URL("http://console.test/api/probes/stream");
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  const abort = new AbortController();
  const response = await probeStreamGet(
    new Request(url, { headers: { authorization: `Bearer ${operator}` }, signal: abort.signal }),
    { hub: () => hub, timing: { recheckEveryMs: 300 } },
  );
  const s = new OpenStream(response, abort);
  open.push(s);
  return s;
}

beforeAll(async () => {
  operator = await tokenFor(endpoints, "operator");
  prodId = await registryIdOf(endpoints, "contosoprod");
});

beforeEach(async () => {
  await control(endpoints, "reset");
  hub = new ProbeHub({
    connectTo: parseConnectTo(endpoints.dataPlaneAddress),
    ca: readFileSync(endpoints.caFile, "utf8"),
    intervalMs: 1000,
    lingerMs: 0,
  });
});

afterEach(async () => {
  for (const s of open.splice(0)) s.abort();
  hub.close();
  await control(endpoints, "reset");
  // Each test starts from ARM, not from the previous test's registry read.
  const [, , subscriptionId = "", , resourceGroup = "", , , , name = ""] = prodId.split("/");
  forgetRegistryRead(operator, { subscriptionId, resourceGroup, name });
});

describe("a stream re-checks the caller's access", () => {
  it("ends with an error event and stops probing once ARM refuses the registry read", async () => {
    const s = await stream({ registryId: prodId, intervalMs: "1000" });
    await s.sample(() => true, "a first sample");
    await control(endpoints, "faults", {
      match: { method: "GET", path: "/registries/contosoprod\\?" },
      status: 403,
      code: "AuthorizationFailed",
      message: "The client does not have authorization to perform action read.",
      count: 100,
    });
    const error = await s.waitFor((e) => e.event === "error", "error event");
    expect(error.json.error).toMatchObject({ status: 403, code: "AuthorizationFailed" });
    await s.closed();
    // Without linger, the loops stop on the next turn of the event loop.
    await vi.waitFor(() => expect(hub.activeHosts()).toEqual([]));
  });

  it("follows ARM when the registry's endpoints change", async () => {
    const s = await stream({ registryId: prodId, intervalMs: "1000" });
    const first = await s.waitFor((e) => e.event === "targets", "targets");
    expect(first.json.targets.some((t: { kind: string }) => t.kind === "regional")).toBe(true);

    const res = await caFetch(endpoints)(
      `${endpoints.armEndpoint}${prodId}?api-version=2026-01-01-preview`,
      {
        method: "PATCH",
        headers: { authorization: `Bearer ${operator}`, "content-type": "application/json" },
        body: JSON.stringify({ properties: { regionalEndpoints: "Disabled" } }),
      },
    );
    expect(res.status).toBeLessThan(300);
    const next = await s.waitFor(
      (e) => e.event === "targets" && e !== first,
      "targets event after the change",
    );
    expect(next.json.targets.map((t: { kind: string }) => t.kind)).toEqual(["global"]);
    await vi.waitFor(() => expect(hub.activeHosts()).toEqual([next.json.targets[0].host]));
  });
});

describe("a stream whose client goes away", () => {
  it("unsubscribes at once, so the last viewer leaving stops the loops", async () => {
    const s = await stream({ registryId: prodId, intervalMs: "1000" });
    await s.sample((x) => x.reused, "a warm sample");
    expect(hub.activeHosts().length).toBeGreaterThan(1);
    s.abort();
    await s.closed();
    await vi.waitFor(() => expect(hub.activeHosts()).toEqual([]));
    // A probe sent just before may still reach the far regions (up to 2 x 220 ms RTT).
    await new Promise((r) => setTimeout(r, 1_000));
    await clearRequestLog(endpoints);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await dataPlaneRequests(endpoints)).toEqual([]);
  });
});
