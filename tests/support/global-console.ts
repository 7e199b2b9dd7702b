import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { freePort } from "./free-port";

declare module "vitest" {
  export interface ProvidedContext {
    consoleUrl: string;
  }
}

const root = process.cwd();
const nextBin = join(root, "node_modules", "next", "dist", "bin", "next");
/** What a production build is made from; a newer file among these means the build is stale. */
const BUILD_INPUTS = [
  "app",
  "components",
  "lib",
  "public",
  "next.config.js",
  "proxy.ts",
  "instrumentation.ts",
  "package-lock.json",
  "tsconfig.json",
];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Build when there is none, when asked (`E2E_REBUILD=1`), or when a source is newer than it. */
function needsBuild(): boolean {
  if (process.env.E2E_REBUILD === "1") return true;
  const buildId = join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  return BUILD_INPUTS.some((input) => newestMtime(join(root, input)) > built);
}

async function waitUntilServing(url: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`next start exited (${child.exitCode}):\n${output()}`);
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
 * build) when needed, starts `next start` on a free port against the emulator, provides
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
  if (needsBuild()) {
    const started = Date.now();
    // flock keeps two runs on this machine from writing .next at the same time.
    const build = spawnSync(
      "flock",
      [join(tmpdir(), "acr-console-next-build.lock"), process.execPath, nextBin, "build"],
      {
        cwd: root,
        env,
        stdio: "inherit",
      },
    );
    if (build.error || build.status !== 0) {
      throw new Error(`next build failed (${build.error?.message ?? `exit ${build.status}`})`);
    }
    console.log(`[e2e] next build took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }

  const port = await freePort();
  const consoleUrl = `http://localhost:${port}`;
  let output = "";
  const child = spawn(process.execPath, [nextBin, "start", "-p", String(port), "-H", "localhost"], {
    cwd: root,
    env: {
      ...env,
      NODE_EXTRA_CA_CERTS: emulator.caFile,
      PORT: String(port),
      // The fleet sweep every 5 s rather than every minute: a region taken down shows in seconds.
      FLEET_SWEEP_INTERVAL_MS: "5000",
    },
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
