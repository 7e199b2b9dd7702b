/**
 * The fleet view at scale, on the large emulated fleet (EMULATOR_FLEET=large: 1,000 registries,
 * about 10,000 replicas, ARM's page size of 1,000) with ARM's read throttling (250 + 25/s) and
 * Resource Graph's quota (15 queries per 5 s) on, all measured in one run:
 * - `GET /api/fleet`'s server time (token check, reading, snapshot), median of 5 readings spaced
 *   by one Resource Graph quota window (as the page's refresh once a minute would be), with the
 *   Resource Graph and ARM calls and 429s counted from the emulator's request log;
 * - the ARM fallback reading the same fleet, beside it;
 * - one full sweep of every endpoint the reading lists, its wall time and this process's CPU;
 * - each replica's availability over 24 h from the embedded store holding 24 h of the sweep's
 *   probes of every endpoint (bench/fleet-availability.ts);
 * - Chromium through the real sign-in: navigation to the first rows of `Replica health` and to
 *   the full table, the page's JS heap.
 * Prints one JSON line. `BENCH_SKIP_BROWSER=1` leaves the browser part out.
 */
import { join } from "node:path";
import { loadavg } from "node:os";
import { verifyBearer } from "@/lib/auth/server/verify-token";
import { createArmClients } from "@/lib/azure/client";
import { fleetTargets } from "@/lib/fleet/shared/targets";
import { getFleetSnapshot } from "@/lib/fleet/server/snapshot";
import { HttpProber, parseConnectTo } from "@/lib/probe/server/http-probe";
import { FleetSweep } from "@/lib/probe/server/sweep/sweep";
import { control } from "@/tests/support/emulator-client";
import { startEmulator, type RunningEmulator } from "@/tests/support/emulator-process";
import { userToken } from "@/tests/support/user-token";
import { availabilityFigures } from "./fleet-availability";
import { browserFigures } from "./fleet-browser";

const RUNS = 5;
/** Resource Graph's quota window in the emulator (its default): readings are spaced by it. */
const QUOTA_WINDOW_MS = 5_200;
const SWEEP_CONCURRENCY = Number(process.env.BENCH_SWEEP_CONCURRENCY ?? 64);
const GRAPH = "/providers/Microsoft.ResourceGraph/resources";

const round = (n: number | null | undefined, digits = 0) =>
  n === null || n === undefined ? null : Math.round(n * 10 ** digits) / 10 ** digits;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface LogEntry {
  method: string;
  path: string;
  status: number;
}

async function armLog(emulator: RunningEmulator): Promise<LogEntry[]> {
  return control<LogEntry[]>(emulator.endpoints, "requests?plane=arm");
}

function count(log: LogEntry[]) {
  const graph = log.filter((e) => e.path.startsWith(GRAPH));
  const arm = log.filter((e) => !e.path.startsWith(GRAPH));
  return {
    graphCalls: graph.length,
    graph429: graph.filter((e) => e.status === 429).length,
    armCalls: arm.length,
    arm429: arm.filter((e) => e.status === 429).length,
  };
}

async function main() {
  const emulator = await startEmulator({
    EMULATOR_FLEET: "large",
    EMULATOR_PAGE_SIZE: "1000",
    EMULATOR_READS_CAPACITY: "250",
    EMULATOR_READS_REFILL: "25",
  });
  try {
    process.env.AZURE_TENANT_ID = "";
    process.env.AZURE_CLIENT_ID = "";
    process.env.EMULATOR_ENDPOINTS_FILE = join(emulator.stateDir, "endpoints.json");
    const teamlead = emulator.endpoints.users.find((u) => u.persona === "teamlead")!;
    const token = await userToken(emulator.endpoints, teamlead.username);
    const authorization = `Bearer ${token}`;
    // The snapshot's sweep is driven by hand below: it must not probe during the readings.
    const idle = new FleetSweep({
      autoStart: false,
      probe: () => Promise.reject(new Error("idle")),
    });

    // GET /api/fleet, server side, five times.
    const runs: {
      ms: number;
      replicas: number;
      source: string;
      graphCalls: number;
      graph429: number;
      armCalls: number;
      arm429: number;
      waitedMs: number;
    }[] = [];
    let snapshot;
    for (let i = 0; i < RUNS; i++) {
      await sleep(QUOTA_WINDOW_MS);
      await control(emulator.endpoints, "requests/clear", {});
      const t0 = performance.now();
      const caller = await verifyBearer(authorization);
      snapshot = await getFleetSnapshot(createArmClients(caller), caller, { sweep: idle });
      const ms = performance.now() - t0;
      runs.push({
        ms,
        replicas: snapshot.totals.replicas,
        source: snapshot.source,
        waitedMs: 0,
        ...count(await armLog(emulator)),
      });
    }
    const errorsToUser = runs.filter((r) => r.source !== "resource-graph").length;

    // The ARM fallback for the same fleet.
    await sleep(QUOTA_WINDOW_MS);
    await control(emulator.endpoints, "requests/clear", {});
    const f0 = performance.now();
    const caller = await verifyBearer(authorization);
    const fallback = await getFleetSnapshot(createArmClients(caller), caller, {
      sweep: idle,
      forceArm: true,
    });
    const fallbackMs = performance.now() - f0;
    const fallbackCounts = count(await armLog(emulator));

    // One full sweep of every endpoint the reading lists.
    const targets = fleetTargets(snapshot!.registries);
    const config = emulator.endpoints;
    const prober = new HttpProber({
      keepAlive: false,
      timeoutMs: 5_000,
      connectTo: parseConnectTo(config.dataPlaneAddress),
      ca: (await import("node:fs")).readFileSync(config.caFile, "utf8"),
    });
    const sweep = new FleetSweep({
      autoStart: false,
      concurrency: SWEEP_CONCURRENCY,
      probe: (target, signal) => prober.probe(target.host, { signal }),
    });
    sweep.lease("bench", targets);
    const cpu0 = process.cpuUsage();
    const s0 = performance.now();
    await sweep.runRound();
    const sweepMs = performance.now() - s0;
    const cpu = process.cpuUsage(cpu0);
    const verdicts: Record<string, number> = {};
    for (const h of sweep.healthFor(targets.map((t) => t.host)))
      verdicts[h.verdict] = (verdicts[h.verdict] ?? 0) + 1;
    await sleep(200);
    const socketsAfter = process
      .getActiveResourcesInfo()
      .filter((r) => r === "TCPSocketWrap" || r === "TLSWrap").length;
    prober.close();

    const availability = await availabilityFigures(snapshot!.registries, targets);
    const browser = process.env.BENCH_SKIP_BROWSER === "1" ? null : await browserFigures(emulator);
    const apiMedian = median(runs.map((r) => r.ms));
    console.log(
      JSON.stringify({
        bench: "fleet",
        node: process.version,
        loadAvg1m: round(loadavg()[0], 2),
        fleet: {
          registries: snapshot!.totals.registries,
          replicas: snapshot!.totals.replicas,
          endpoints: targets.length,
        },
        apiFleet: {
          source: runs[0]?.source,
          runs: RUNS,
          medianMs: round(apiMedian),
          ms: runs.map((r) => round(r.ms)),
          graphCallsPerRun: runs[0]?.graphCalls,
          armCallsPerRun: runs[0]?.armCalls,
          graph429: runs.reduce((n, r) => n + r.graph429, 0),
          arm429: runs.reduce((n, r) => n + r.arm429, 0),
          errorsPassedToUser: errorsToUser,
          goalMs: 2000,
          meetsGoal: apiMedian < 2000,
        },
        armFallback: {
          source: fallback.source,
          ms: round(fallbackMs),
          replicas: fallback.totals.replicas,
          failures: fallback.failures.length,
          ...fallbackCounts,
        },
        sweep: {
          endpoints: targets.length,
          concurrency: SWEEP_CONCURRENCY,
          ms: round(sweepMs),
          cpuMs: round((cpu.user + cpu.system) / 1000),
          cpuPctOfOneCore: round(((cpu.user + cpu.system) / 1000 / sweepMs) * 100, 1),
          verdicts,
          socketsOpenAfterRound: socketsAfter,
        },
        availability,
        browser,
      }),
    );
  } finally {
    await emulator.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
