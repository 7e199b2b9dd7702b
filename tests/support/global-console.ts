import type { ChildProcess } from "node:child_process";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { buildConsole, needsBuild, startProductionServer } from "@/scripts/production-server";
import { freePort } from "./free-port";

declare module "vitest" {
  export interface ProvidedContext {
    consoleUrl: string;
  }
}

const root = process.cwd();

async function waitUntilServing(url: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`the console exited (${child.exitCode}):\n${output()}`);
    try {
      const res = await fetch(`${url}/signed-out`);
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the console did not answer within 60 s:\n${output()}`);
}

/**
 * vitest globalSetup for the e2e project, after global-emulator.ts: builds the console (production
 * build) when needed (or asked: `E2E_REBUILD=1`), starts its standalone server as deployed on a
 * free port against the emulator, provides
 * `consoleUrl`, and stops the server at the end.
 */
export default async function setup(project: TestProject) {
  const { emulator, emulatorDir } = project.getProvidedContext();
  const env = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    CONSOLE_MODE: "emulator",
    EMULATOR_ENDPOINTS_FILE: join(emulatorDir, "endpoints.json"),
  };
  if (process.env.E2E_REBUILD === "1" || needsBuild(root)) {
    const started = Date.now();
    buildConsole(root, env);
    console.log(`[e2e] next build took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }

  const port = await freePort();
  const consoleUrl = `http://localhost:${port}`;
  let output = "";
  const child = startProductionServer({
    root,
    env: {
      ...env,
      NODE_EXTRA_CA_CERTS: emulator.caFile,
      // The fleet sweep every 5 s rather than every minute: a region taken down shows in seconds.
      FLEET_SWEEP_INTERVAL_MS: "5000",
    },
    port,
    hostname: "localhost",
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr?.on("data", (c: Buffer) => (output += c.toString()));
  try {
    await waitUntilServing(consoleUrl, child, () => output);
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
  project.provide("consoleUrl", consoleUrl);

  return async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
    if (child.exitCode === null) child.kill("SIGKILL");
  };
}
