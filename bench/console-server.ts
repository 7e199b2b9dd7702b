/** The console's production server for benchmarks, on a free port, against a running emulator. */
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { RunningEmulator } from "@/tests/support/emulator-process";
import { freePort } from "@/tests/support/free-port";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * `next start` of the production build (built first when there is none) against the emulator,
 * with `env` added to its environment.
 */
export async function startConsole(emulator: RunningEmulator, extra: Record<string, string> = {}) {
  const nextBin = join(process.cwd(), "node_modules", "next", "dist", "bin", "next");
  const env = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    EMULATOR_ENDPOINTS_FILE: join(emulator.stateDir, "endpoints.json"),
  };
  if (!existsSync(join(process.cwd(), ".next", "BUILD_ID"))) {
    const build = spawnSync(process.execPath, [nextBin, "build"], { env, stdio: "inherit" });
    if (build.status !== 0) throw new Error("next build failed");
  }
  const port = await freePort();
  const child = spawn(process.execPath, [nextBin, "start", "-p", String(port), "-H", "localhost"], {
    env: {
      ...env,
      NODE_EXTRA_CA_CERTS: emulator.endpoints.caFile,
      ...extra,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://localhost:${port}`;
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${url}/signed-out`)).ok)
        return { url, pid: child.pid, stop: () => child.kill("SIGTERM") };
    } catch {
      // Not listening yet.
    }
    await sleep(250);
  }
  child.kill("SIGKILL");
  throw new Error("the console did not start");
}
