/**
 * The console's production server, started one way by the demo, the end-to-end tests and the
 * benchmarks: the build's standalone server (`node .next/standalone/server.js`, as it is
 * deployed), built first when there is no build or a source is newer than it.
 */
import { spawn, spawnSync, type ChildProcess, type StdioOptions } from "node:child_process";
import { cpSync, existsSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

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

const standaloneServer = (root: string) => join(root, ".next", "standalone", "server.js");

/** Whether the console must be built: no build, or a source newer than the build. */
export function needsBuild(root: string): boolean {
  const buildId = join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId) || !existsSync(standaloneServer(root))) return true;
  const built = statSync(buildId).mtimeMs;
  return BUILD_INPUTS.some((input) => newestMtime(join(root, input)) > built);
}

/**
 * `next build`, its output on this terminal. A lock keeps two runs on this machine (tests of two
 * checkouts, a benchmark beside them) from writing a build at the same time.
 */
export function buildConsole(root: string, env: NodeJS.ProcessEnv): void {
  const nextBin = join(root, "node_modules", "next", "dist", "bin", "next");
  const lock = join(tmpdir(), "acr-console-next-build.lock");
  const build = spawnSync("flock", [lock, process.execPath, nextBin, "build"], {
    cwd: root,
    env: { ...env, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: "inherit",
  });
  if (build.error || build.status !== 0) {
    throw new Error(`next build failed (${build.error?.message ?? `exit ${build.status}`})`);
  }
}

/**
 * The standalone server serves the static files (and `public/`) from its own folder; Next.js
 * leaves copying them there to whoever deploys it. The build's current ones are copied at every
 * start, so a server always serves the build it runs.
 */
function copyAssets(root: string) {
  for (const from of [join(".next", "static"), "public"]) {
    if (!existsSync(join(root, from))) continue;
    const to = join(root, ".next", "standalone", from);
    rmSync(to, { recursive: true, force: true });
    cpSync(join(root, from), to, { recursive: true });
  }
}

export interface ProductionServerOptions {
  root: string;
  /** The server's whole environment (the address is added from `port` and `hostname`). */
  env: NodeJS.ProcessEnv;
  port: number | string;
  hostname: string;
  stdio: StdioOptions;
}

/** Starts the standalone server of the build in `root` (which must exist: `needsBuild`). */
export function startProductionServer(options: ProductionServerOptions): ChildProcess {
  const { root, env, port, hostname, stdio } = options;
  copyAssets(root);
  return spawn(process.execPath, [standaloneServer(root)], {
    env: { ...env, NEXT_TELEMETRY_DISABLED: "1", PORT: String(port), HOSTNAME: hostname },
    stdio,
  });
}
