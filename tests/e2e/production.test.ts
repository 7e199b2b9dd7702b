import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { SseParser } from "@/lib/probe/browser/sse-parser";
import { userToken } from "../support/user-token";
import { freePort } from "../support/free-port";

/*
 * The production server as an operator runs it (`next start` on the build): it refuses to start
 * without a configuration, its configuration page shows visitors no file paths, and SIGTERM tells
 * open probe streams to reconnect elsewhere and ends the process although a stream was open. And
 * the standalone output of the same build, copied elsewhere as a fresh machine would get it,
 * serves the console with `node server.js`.
 */

const emulator = inject("emulator");
const emulatorDir = inject("emulatorDir");
const nextBin = join(process.cwd(), "node_modules", "next", "dist", "bin", "next");
const dir = mkdtempSync(join(tmpdir(), "console-prod-"));
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

/** The environment without any console configuration. */
function bareEnv(): NodeJS.ProcessEnv {
  // NODE_ENV as `next start` sets it when nothing else has (vitest sets "test").
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: "production",
  };
  for (const k of Object.keys(env)) {
    if (/^(CONSOLE_MODE|AZURE_|EMULATOR_ENDPOINTS_FILE|ARM_ENDPOINT)/.test(k)) delete env[k];
  }
  return env;
}

async function startNext(env: NodeJS.ProcessEnv) {
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [nextBin, "start", "-p", String(port), "-H", "localhost"],
    {
      env: { ...env, PORT: String(port) },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  children.push(child);
  let output = "";
  child.stdout?.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr?.on("data", (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code: number | null) => resolve(code)),
  );
  return { child, port, url: `http://localhost:${port}`, output: () => output, exited };
}

async function waitUntilServing(url: string, exited: Promise<unknown>) {
  let gone = false;
  void exited.then(() => (gone = true));
  for (let i = 0; i < 240 && !gone; i++) {
    try {
      if ((await fetch(`${url}/api/health/live`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("the console did not start");
}

describe("the production server", () => {
  it("refuses to start with neither Azure nor the emulator configured", async () => {
    const server = await startNext(bareEnv());
    const code = await server.exited;
    expect(code).toBe(1);
    expect(server.output()).toContain("CONSOLE_MODE=emulator");
  });

  it("shows no file paths on its configuration page, and drains its streams on SIGTERM", async () => {
    // A discovery file of its own, to break and mend while the server runs.
    const discovery = join(dir, "endpoints.json");
    const good = readFileSync(join(emulatorDir, "endpoints.json"), "utf8");
    writeFileSync(discovery, good);
    const server = await startNext({
      ...bareEnv(),
      CONSOLE_MODE: "emulator",
      EMULATOR_ENDPOINTS_FILE: discovery,
      NODE_EXTRA_CA_CERTS: emulator.caFile,
      SHUTDOWN_GRACE_MS: "10000",
    });
    await waitUntilServing(server.url, server.exited);

    writeFileSync(discovery, "{ not json");
    const page = await (await fetch(`${server.url}/signed-out`)).text();
    expect(page).toContain("The console is not configured");
    expect(page).not.toContain(dir);
    expect(page).not.toContain(emulatorDir);
    expect(server.output()).toContain(dir);
    writeFileSync(discovery, good);

    const token = await userToken(
      emulator,
      emulator.users.find((u) => u.persona === "operator")!.username,
    );
    const registries = (await (
      await fetch(`${server.url}/api/registries`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { registries: { id: string; name: string }[] };
    const registryId = registries.registries.find((r) => r.name === "fabrikamstaging")!.id;
    const response = await fetch(
      `${server.url}/api/probes/stream?registryId=${encodeURIComponent(registryId)}`,
      { headers: { authorization: `Bearer ${token}`, accept: "text/event-stream" } },
    );
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const parser = new SseParser();
    const decoder = new TextDecoder();
    const events: { event: string; data: string }[] = [];
    const until = async (match: (e: { event: string; data: string }) => boolean) => {
      for (;;) {
        const found = events.find(match);
        if (found) return found;
        const { done, value } = await reader.read();
        if (done) throw new Error("the stream ended first");
        for (const m of parser.push(decoder.decode(value, { stream: true }))) events.push(m);
      }
    };
    await until((e) => e.event === "targets");

    server.child.kill("SIGTERM");
    const end = await until((e) => e.event === "end");
    expect(JSON.parse(end.data)).toMatchObject({ reason: "server-shutdown" });
    // The process ends although this client never closed its connection.
    expect(await server.exited).not.toBeUndefined();
    expect(server.child.exitCode ?? server.child.signalCode).not.toBeNull();
    expect(server.output()).toContain('"event":"shutdown"');
  });
});

describe("the standalone output (node server.js)", () => {
  it("serves pages, static files, health and the API from a copy outside the project", async () => {
    const build = join(process.cwd(), ".next");
    expect(existsSync(join(build, "standalone", "server.js"))).toBe(true);
    // As the README (and Next.js) say: the standalone folder plus the static files, copied to a
    // folder with no node_modules above it.
    const app = join(dir, "standalone");
    cpSync(join(build, "standalone"), app, { recursive: true });
    cpSync(join(build, "static"), join(app, ".next", "static"), { recursive: true });
    expect(existsSync(join(dir, "node_modules"))).toBe(false);

    const port = await freePort();
    const child = spawn(process.execPath, ["server.js"], {
      cwd: app,
      env: {
        ...bareEnv(),
        PORT: String(port),
        HOSTNAME: "127.0.0.1",
        CONSOLE_MODE: "emulator",
        EMULATOR_ENDPOINTS_FILE: join(emulatorDir, "endpoints.json"),
        NODE_EXTRA_CA_CERTS: emulator.caFile,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.push(child);
    let output = "";
    child.stdout?.on("data", (c: Buffer) => (output += c.toString()));
    child.stderr?.on("data", (c: Buffer) => (output += c.toString()));
    const exited = new Promise((resolve) => child.once("exit", resolve));
    const url = `http://127.0.0.1:${port}`;
    try {
      await waitUntilServing(url, exited);
    } catch (error) {
      throw new Error(`${(error as Error).message}:\n${output}`);
    }

    const ready = await fetch(`${url}/api/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: "ready" });

    // A page and every script it loads (the copied static files).
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    const html = await page.text();
    const scripts = [...html.matchAll(/src="(\/_next\/static\/[^"]+\.js)"/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) expect((await fetch(`${url}${src}`)).status, src).toBe(200);

    // The API against the emulator, with a signed-in user's token.
    const token = await userToken(
      emulator,
      emulator.users.find((u) => u.persona === "operator")!.username,
    );
    const answer = await fetch(`${url}/api/registries`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(answer.status).toBe(200);
    const { registries } = (await answer.json()) as { registries: { name: string }[] };
    expect(registries.map((r) => r.name)).toContain("fabrikamstaging");
    expect((await fetch(`${url}/api/registries`)).status).toBe(401);

    child.kill("SIGTERM");
    await exited;
    expect(output).toContain('"event":"shutdown"');
  });
});
