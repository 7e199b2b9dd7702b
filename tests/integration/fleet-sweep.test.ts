import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as getFleet } from "@/app/api/fleet/route";
import { GET as getStream } from "@/app/api/fleet/stream/route";
import { stopSharedFleetSweep } from "@/lib/probe/server/sweep/shared-sweep";
import type { EndpointHealth, FleetSnapshot, SweepEvent } from "@/lib/fleet/shared/types";
import { control } from "../support/emulator-client";
import { callRoute, tokenFor, pointConsoleAtEmulator } from "./console-api-support";

/*
 * The fleet sweep through `GET /api/fleet/stream`: every endpoint the caller's fleet lists is
 * probed with the real prober against the emulator's data plane, a region taken down shows within
 * a round, and a caller hears only of its own registries' endpoints.
 */

const endpoints = pointConsoleAtEmulator();
/** sharedbase has dedicated data endpoints, one in koreacentral (no other registry is there). */
const DOWN_REGION = "koreacentral";
const DOWN_HOST = "sharedbase.koreacentral.data.azurecr.io";

beforeAll(async () => {
  vi.stubEnv("FLEET_SWEEP_INTERVAL_MS", "2000");
  vi.stubEnv("FLEET_SWEEP_TIMEOUT_MS", "1500");
  await control(endpoints, "reset");
});
afterAll(async () => {
  // No probing of the shared emulator's data plane after this file: other files count requests.
  stopSharedFleetSweep();
  await control(endpoints, `regions/${DOWN_REGION}`, { down: false });
});

/** Opens the stream and collects its sweep events until `done` says so (or the time is up). */
async function listen(
  token: string,
  done: (health: Map<string, EndpointHealth>, events: SweepEvent[]) => boolean,
) {
  const abort = new AbortController();
  const res = await getStream(
    new Request("http://console.test/api/fleet/stream", {
      headers: { authorization: `Bearer ${token}` },
      signal: abort.signal,
    }),
  );
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const health = new Map<string, EndpointHealth>();
  const events: SweepEvent[] = [];
  let buffer = "";
  const deadline = Date.now() + 30_000;
  try {
    while (Date.now() < deadline) {
      const { value, done: ended } = await reader.read();
      if (ended) break;
      buffer += decoder.decode(value, { stream: true });
      let cut: number;
      while ((cut = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const data = block.split("\n").find((l) => l.startsWith("data: "));
        if (!block.startsWith("event: sweep") || !data) continue;
        const event = JSON.parse(data.slice(6)) as SweepEvent;
        events.push(event);
        for (const h of event.health) health.set(h.host, h);
      }
      if (done(health, events)) return { health, events };
    }
    throw new Error(
      `the stream did not show what was awaited; saw ${[...health.keys()].join(", ")}`,
    );
  } finally {
    abort.abort();
    await reader.cancel().catch(() => undefined);
  }
}

describe("GET /api/fleet/stream", () => {
  it("streams a probe of every endpoint, and a region taken down within one round", async () => {
    const token = await tokenFor(endpoints, "operator");
    const fleet = (await callRoute(getFleet, { token })).body as FleetSnapshot;
    expect(fleet.sweep).toMatchObject({ intervalMs: 2000 });
    expect(fleet.sweep.hosts).toBeGreaterThan(8);

    const first = await listen(token, (health) => health.get(DOWN_HOST)?.verdict === "ok");
    expect(first.health.get("contosoprod.azurecr.io")).toMatchObject({
      kind: "global",
      verdict: "ok",
      status: 401,
    });

    await control(endpoints, `regions/${DOWN_REGION}`, { down: true });
    const rounds = (events: SweepEvent[]) => new Set(events.map((e) => e.lastRoundAt)).size;
    const after = await listen(
      token,
      (health, events) => health.get(DOWN_HOST)?.verdict === "refused" || rounds(events) > 3,
    );
    expect(after.health.get(DOWN_HOST)).toMatchObject({
      verdict: "refused",
      status: null,
      kind: "data",
    });
    // The next fleet reading lists it as needing attention, since the sweep first saw it down.
    const again = (await callRoute(getFleet, { token })).body as FleetSnapshot;
    const item = again.attention.find((i) => i.host === DOWN_HOST);
    expect(item).toMatchObject({
      reason: "endpoint-down",
      registryName: "sharedbase",
      region: DOWN_REGION,
    });
    expect(item?.since).toBe(after.health.get(DOWN_HOST)?.since);
  });

  it("tells a reader of one subscription only of its own registries' endpoints", async () => {
    const support = await tokenFor(endpoints, "support");
    const fleet = (await callRoute(getFleet, { token: support })).body as FleetSnapshot;
    const own = new Set(fleet.registries.map((r) => r.loginServer.toLowerCase()));
    const { health } = await listen(support, (h) => h.size >= own.size);
    expect([...health.keys()].sort()).toEqual([...own].sort());
    expect(health.has(DOWN_HOST)).toBe(false);
  });

  it("verifies the token first and takes no parameters", async () => {
    const missing = await getStream(new Request("http://console.test/api/fleet/stream"));
    expect(missing.status).toBe(401);
    const token = await tokenFor(endpoints, "operator");
    const extra = await getStream(
      new Request("http://console.test/api/fleet/stream?host=evil.example", {
        headers: { authorization: `Bearer ${token}` },
      }),
    );
    expect(extra.status).toBe(400);
  });
});
