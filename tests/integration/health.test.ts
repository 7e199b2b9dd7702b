import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, inject, it, vi } from "vitest";
import { GET as live } from "@/app/api/health/live/route";
import { GET as ready } from "@/app/api/health/ready/route";
import { beginShutdown } from "@/lib/lifecycle/shutdown";
import { resetLifecycle } from "@/lib/lifecycle/state";
import { pointConsoleAtEmulator } from "./console-api-support";

/*
 * The health endpoints answer without a token and say nothing but whether each check passed:
 * live while the process serves; ready when the configuration is valid, the identity provider's
 * signing keys can be read and ARM answers, and not while the server shuts down.
 */

pointConsoleAtEmulator();
const dir = mkdtempSync(join(tmpdir(), "health-"));
const discovery = join(inject("emulatorDir"), "endpoints.json");

async function call(route: (r: Request) => Promise<Response>) {
  const response = await route(new Request("http://console.test/api/health"));
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as Record<string, unknown>, text };
}

/** A discovery file like the emulator's with some fields changed. */
function discoveryWith(changes: Record<string, string>): string {
  const file = join(dir, `endpoints-${Object.keys(changes).join("-")}.json`);
  writeFileSync(
    file,
    JSON.stringify({ ...JSON.parse(readFileSync(discovery, "utf8")), ...changes }),
  );
  return file;
}

afterEach(() => {
  vi.stubEnv("EMULATOR_ENDPOINTS_FILE", discovery);
  vi.stubEnv("ARM_ENDPOINT", "");
  resetLifecycle();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("GET /api/health/live", () => {
  it("is 200 without a token, even with a broken configuration", async () => {
    vi.stubEnv("EMULATOR_ENDPOINTS_FILE", join(dir, "missing.json"));
    expect(await call(live)).toMatchObject({ status: 200, body: { status: "ok" } });
  });
});

describe("GET /api/health/ready", () => {
  it("is 200 without a token when configuration, identity keys and ARM are fine", async () => {
    const answer = await call(ready);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      status: "ready",
      checks: { configuration: "ok", identity: "ok", arm: "ok" },
    });
  });

  it("is 503 for an invalid configuration, without saying more", async () => {
    vi.stubEnv("EMULATOR_ENDPOINTS_FILE", join(dir, "missing.json"));
    const answer = await call(ready);
    expect(answer.status).toBe(503);
    expect(answer.body).toEqual({
      status: "not-ready",
      checks: { configuration: "failed", identity: "skipped", arm: "skipped" },
    });
    expect(answer.text).not.toContain(dir);
  });

  it("stays in rotation, degraded, when ARM does not answer (every instance shares ARM)", async () => {
    vi.stubEnv("ARM_ENDPOINT", "https://127.0.0.1:1");
    const answer = await call(ready);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      status: "degraded",
      checks: { configuration: "ok", identity: "ok", arm: "failed" },
    });
    expect(answer.text).not.toContain("127.0.0.1");
  });

  it("stays in rotation, degraded, when the identity provider's keys cannot be read", async () => {
    vi.stubEnv(
      "EMULATOR_ENDPOINTS_FILE",
      discoveryWith({ issuer: "https://127.0.0.1:1/tenant/v2.0" }),
    );
    const answer = await call(ready);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      status: "degraded",
      checks: { configuration: "ok", identity: "failed", arm: "ok" },
    });
  });

  it("is 503 while the server shuts down", async () => {
    await beginShutdown({ graceMs: 1_000, exit: () => {}, closeProbes: () => {} });
    const answer = await call(ready);
    expect(answer.status).toBe(503);
    expect(answer.body.status).toBe("draining");
  });
});
