/**
 * The registry page's main thread with the live TTFB chart running, in Chromium: the console's
 * production server against the large emulated fleet, a registry of about 41 endpoints (regional
 * and data endpoints on), probes every second, for `BENCH_SECONDS` (default 600: the ten
 * minutes). Every minute it reads Chromium's `TaskDuration` (time the page's main thread spent
 * in tasks: script, style, layout, paint) and reports the share of each minute; the goal is under
 * 10 % in the last minute. The figure covers the whole page (stream parsing, table and chart),
 * so the chart's own share is at most that. Prints one JSON line.
 */
import { loadavg } from "node:os";
import { parseRegistryId, registryPageUrl } from "@/lib/arm-id";
import { armRegistries } from "@/tests/e2e/arm";
import { launchBrowser, newContext, signIn } from "@/tests/support/browser";
import { startEmulator } from "@/tests/support/emulator-process";
import { userToken } from "@/tests/support/user-token";
import { startConsole } from "./console-server";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 600);
const WANT_ENDPOINTS = Number(process.env.BENCH_ENDPOINTS ?? 41);
const GOAL_PCT = 10;
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const emulator = await startEmulator({ EMULATOR_FLEET: "large", EMULATOR_PAGE_SIZE: "1000" });
  const server = await startConsole(emulator, { LOG_LEVEL: "warn" });
  const browser = await launchBrowser();
  try {
    const operator = emulator.endpoints.users.find((u) => u.persona === "operator")!;
    const token = await userToken(emulator.endpoints, operator.username);
    const endpointsOf = (r: Awaited<ReturnType<typeof armRegistries>>[number]) =>
      1 +
      (r.properties.regionalEndpointHostNames?.length ?? 0) +
      (r.properties.dataEndpointHostNames?.length ?? 0);
    const registry = (await armRegistries(emulator.endpoints, token))
      .filter((r) => endpointsOf(r) <= WANT_ENDPOINTS + 4)
      .sort(
        (a, b) =>
          Math.abs(endpointsOf(a) - WANT_ENDPOINTS) - Math.abs(endpointsOf(b) - WANT_ENDPOINTS),
      )[0];
    if (!registry) throw new Error("no registry in the fleet");
    const ref = parseRegistryId(registry.id)!;

    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, emulator.endpoints, "operator", `${server.url}${registryPageUrl(ref)}`);
    await page.getByLabel("Probe interval").selectOption("1000");
    await page.locator('[data-testid="ttfb-chart"] canvas').first().waitFor({ timeout: 60_000 });
    const series = await page.locator('[data-testid="ttfb-chart"] .u-legend .u-series').count();

    const cdp = await context.newCDPSession(page);
    await cdp.send("Performance.enable");
    // TaskDuration: wall time of the main thread's tasks (stretched when the machine is loaded);
    // ThreadTime: the main thread's CPU time, which a loaded machine does not stretch.
    const metrics = async () => {
      const { metrics: list } = (await cdp.send("Performance.getMetrics")) as {
        metrics: { name: string; value: number }[];
      };
      const get = (name: string) => list.find((m) => m.name === name)?.value ?? 0;
      return { task: get("TaskDuration"), cpu: get("ThreadTime") };
    };
    const taskPctPerMinute: number[] = [];
    const cpuPctPerMinute: number[] = [];
    let last = await metrics();
    let lastAt = performance.now();
    const end = lastAt + SECONDS * 1000;
    while (performance.now() < end) {
      await sleep(Math.min(60_000, end - performance.now()));
      const now = performance.now();
      const current = await metrics();
      const pct = (seconds: number) => round((seconds * 1000 * 100) / (now - lastAt));
      taskPctPerMinute.push(pct(current.task - last.task));
      cpuPctPerMinute.push(pct(current.cpu - last.cpu));
      last = current;
      lastAt = now;
    }
    const lastMinute = cpuPctPerMinute.at(-1) ?? 0;
    console.log(
      JSON.stringify({
        bench: "probe-chart",
        registry: registry.name,
        endpoints: endpointsOf(registry),
        chartSeries: series - 1,
        intervalMs: 1000,
        seconds: SECONDS,
        loadAvg1m: round(loadavg()[0] ?? 0, 2),
        mainThreadCpuPctPerMinute: cpuPctPerMinute,
        mainThreadTaskPctPerMinute: taskPctPerMinute,
        mainThreadCpuPctLastMinute: lastMinute,
        goalPct: GOAL_PCT,
        meetsGoal: lastMinute < GOAL_PCT,
      }),
    );
    await context.close();
  } finally {
    await browser.close();
    server.stop();
    await emulator.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
