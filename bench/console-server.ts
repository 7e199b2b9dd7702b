/** The console's production server for benchmarks, on a free port, against a running emulator. */
import { join } from "node:path";
import { buildConsole, needsBuild, startProductionServer } from "@/scripts/production-server";
import type { RunningEmulator } from "@/tests/support/emulator-process";
import { freePort } from "@/tests/support/free-port";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The console's standalone server, as deployed (built first when there is no build or it is
 * older than its sources), against the emulator, with `extra` added to its environment.
 */
export async function startConsole(emulator: RunningEmulator, extra: Record<string, string> = {}) {
  const root = process.cwd();
  const env = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    EMULATOR_ENDPOINTS_FILE: join(emulator.stateDir, "endpoints.json"),
  };
  if (needsBuild(root)) buildConsole(root, env);
  const port = await freePort();
  const child = startProductionServer({
    root,
    env: { ...env, NODE_EXTRA_CA_CERTS: emulator.endpoints.caFile, ...extra },
    port,
    hostname: "localhost",
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
