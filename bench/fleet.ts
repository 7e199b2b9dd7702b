/**
 * The fleet view at scale, on the large emulated fleet (EMULATOR_FLEET=large: 1,000 registries,
 * about 10,000 replicas, ARM's page size of 1,000) with ARM's read throttling (250 + 25/s) and
 * Resource Graph's quota (15 queries per 5 s) on, all measured in one run:
 * - `GET /api/fleet`'s server time (token check, reading, snapshot), median of 5 readings spaced
 *   by one Resource Graph quota window (as the page's refresh once a minute would be), with the
 *   Resource Graph and ARM calls and 429s counted from the emulator's request log;
 * - the ARM fallback reading the same fleet, beside it;
 * - one full sweep of every endpoint the reading lists, its wall time and this process's CPU;
 * - Chromium through the real sign-in: navigation to the first rows of `Replica health` and to
 *   the full table, the page's JS heap.
 * Prints one JSON line. `BENCH_SKIP_BROWSER=1` leaves the browser part out.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { loadavg } from "node:os";
import { verifyBearer } from "@/lib/auth/server/verify-token";
import { createArmClients } from "@/lib/azure/client";
import { fleetTargets } from "@/lib/fleet/shared/targets";
import { getFleetSnapshot } from "@/lib/fleet/server/snapshot";
import { HttpProber, parseConnectTo } from "@/lib/probe/server/http-probe";
import { FleetSweep } from "@/lib/probe/server/sweep/sweep";
import { launchBrowser, newContext, signIn } from "@/tests/support/browser";
import { control } from "@/tests/support/emulator-client";
import { startEmulator, type RunningEmulator } from "@/tests/support/emulator-process";
import { userToken } from "@/tests/support/user-token";

const RUNS = 5;
/** Resource Graph's quota window in the emulator (its default): readings are spaced by it. */
const QUOTA_WINDOW_MS = 5_200;
const SWEEP_CONCURRENCY = Number(process.env.BENCH_SWEEP_CONCURRENCY ?? 64);
const GRAPH = "/providers/Microsoft.ResourceGraph/resources";

const round = (n: number | null | undefined, digits = 0) =>
  n === null || n === undefined ? null : Math.round(n * 10 ** digits) / 10 ** digits;
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
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

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** `next start` of the production build (built first when there is none) against the emulator. */
async function startConsole(emulator: RunningEmulator) {
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
      FLEET_SWEEP_CONCURRENCY: String(SWEEP_CONCURRENCY),
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://localhost:${port}`;
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${url}/signed-out`)).ok) return { url, stop: () => child.kill("SIGTERM") };
    } catch {
      // Not listening yet.
    }
    await sleep(250);
  }
  child.kill("SIGKILL");
  throw new Error("the console did not start");
}

async function browserFigures(emulator: RunningEmulator) {
  const server = await startConsole(emulator);
  const browser = await launchBrowser();
  try {
    const context = await newContext(browser);
    const page = await context.newPage();
    // Signed in on the fleet page; then a fresh load of it (no cached data) is measured, once
    // Resource Graph's quota window has passed.
    await signIn(page, emulator.endpoints, "teamlead", `${server.url}/fleet`);
    await page
      .getByRole("table", { name: "Replica health" })
      .locator("tbody tr[data-registry]")
      .first()
      .waitFor({ timeout: 120_000 });
    await sleep(QUOTA_WINDOW_MS);
    let apiStart = 0;
    let apiEnd = 0;
    page.on("request", (r) => {
      if (new URL(r.url()).pathname === "/api/fleet") apiStart = performance.now();
    });
    page.on("requestfinished", (r) => {
      if (new URL(r.url()).pathname === "/api/fleet") apiEnd = performance.now();
    });
    const started = performance.now();
    await page.goto(`${server.url}/fleet`);
    const grid = page.getByRole("table", { name: "Replica health" });
    await grid.locator("tbody tr[data-registry]").first().waitFor({ timeout: 120_000 });
    const firstRowsMs = performance.now() - started;
    await page.getByText(/^Showing 1000 of 1000 registries/).waitFor({ timeout: 120_000 });
    const fullTableMs = performance.now() - started;
    const drawnRows = await grid.locator("tbody tr[data-registry]").count();
    // Scrolling to the end of the virtualized grid: the last registry's row is drawn.
    const scrollStarted = performance.now();
    await page.evaluate(() => {
      const table = document.querySelector('[aria-label="Replica health"]');
      const scroller = table?.parentElement;
      if (scroller) scroller.scrollTop = scroller.scrollHeight;
    });
    await page.waitForFunction(() => {
      const rows = document.querySelectorAll(
        '[aria-label="Replica health"] tbody tr[aria-rowindex]',
      );
      return rows[rows.length - 1]?.getAttribute("aria-rowindex") === "1001";
    });
    const scrollToEndMs = performance.now() - scrollStarted;
    const cdp = await context.newCDPSession(page);
    await cdp.send("HeapProfiler.collectGarbage");
    const heap = (await cdp.send("Runtime.getHeapUsage")) as {
      usedSize: number;
      totalSize: number;
    };
    await context.close();
    return {
      apiRequestAtMs: round(apiStart - started),
      apiAnsweredAtMs: round(apiEnd - started),
      firstRowsMs: round(firstRowsMs),
      fullTableMs: round(fullTableMs),
      drawnRows,
      scrollToEndMs: round(scrollToEndMs),
      heapUsedMB: mb(heap.usedSize),
    };
  } finally {
    await browser.close();
    server.stop();
  }
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
