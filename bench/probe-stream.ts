/**
 * Probes delivered through `GET /api/probes/stream`: the console's production server against the
 * large emulated fleet (EMULATOR_FLEET=large), every region's RTT set to ~100 ms, one signed-in
 * user opening a stream per registry (at a 1 s interval) until the streams watch
 * `BENCH_ENDPOINTS` endpoints (default 1,500), then counting the samples that arrive over
 * `BENCH_SECONDS` (default 30) after a warm-up. Reports samples per second delivered (goal
 * >= 1,000), the share of the expected samples, the console server's CPU and RSS. The stream
 * limits per caller are raised for the run (one user stands for many viewers). Prints one JSON line.
 */
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { control } from "@/tests/support/emulator-client";
import { startEmulator } from "@/tests/support/emulator-process";
import { userToken } from "@/tests/support/user-token";
import { armRegistries } from "@/tests/e2e/arm";
import { startConsole } from "./console-server";

const ENDPOINTS = Number(process.env.BENCH_ENDPOINTS ?? 1500);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const WARMUP_MS = Number(process.env.BENCH_WARMUP_MS ?? 8000);
const INTERVAL_MS = 1000;
const RTT_MS = 100;
const GOAL_PER_SECOND = 1000;
/** The console serves its engine's gauges with this scrape token (the run's own). */
const METRICS_TOKEN = "bench-probe-stream-metrics";

/** The console's probe engine gauges at the end of the run, from its /metrics. */
async function engineState(url: string) {
  const response = await fetch(`${url}/metrics`, {
    headers: { authorization: `Bearer ${METRICS_TOKEN}` },
  });
  const text = await response.text();
  const gauge = (name: string) => {
    const line = text.split("\n").find((l) => l.startsWith(`acr_probe_engine_${name}{`));
    return line === undefined ? null : Number(line.slice(line.lastIndexOf(" ") + 1));
  };
  return {
    endpoints: gauge("endpoints"),
    inFlightLimit: gauge("in_flight_limit"),
    inFlight: gauge("in_flight"),
    waiting: gauge("waiting"),
  };
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** CPU (ms) and RSS (MB) of a process, from /proc. */
function processFigures(pid: number) {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return { cpuMs: ticks * 10, rssMB: round(rssKb / 1024) };
}

/** Busy and total CPU time of the whole machine (all cores), in clock ticks, from /proc/stat. */
function machineTicks() {
  const cpu = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1);
  const values = cpu.map(Number);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  const total = values.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

/** One SSE stream: counts sample events (the only ones with an id) and reads the targets. */
async function openStream(url: string, token: string, signal: AbortSignal) {
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${token}`, accept: "text/event-stream" },
    signal,
  });
  if (!response.ok || !response.body) {
    throw new Error(`stream ${response.status}: ${await response.text()}`);
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const state = { samples: 0, targets: -1, error: "" };
  let buffer = "";
  const firstTargets = new Promise<number>((resolve, reject) => {
    void (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          let cut: number;
          while ((cut = buffer.indexOf("\n\n")) >= 0) {
            const event = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            if (event.startsWith("id: ")) state.samples++;
            else if (event.startsWith("event: targets")) {
              const data = JSON.parse(event.slice(event.indexOf("data: ") + 6)) as {
                targets: unknown[];
              };
              state.targets = data.targets.length;
              resolve(state.targets);
            } else if (event.startsWith("event: error") || event.startsWith("event: end")) {
              state.error = event;
            }
          }
        }
      } catch (error) {
        if (!signal.aborted) reject(error instanceof Error ? error : new Error(String(error)));
      }
      resolve(state.targets);
    })();
  });
  return { state, targets: await firstTargets };
}

async function main() {
  const emulator = await startEmulator({ EMULATOR_FLEET: "large", EMULATOR_PAGE_SIZE: "1000" });
  const server = await startConsole(emulator, {
    PROBE_STREAMS_PER_CALLER: "1000",
    PROBE_HOSTS_PER_CALLER: "100000",
    PROBE_HOSTS_TOTAL: "3000",
    LOG_LEVEL: "warn",
    METRICS_TOKEN: METRICS_TOKEN,
  });
  const abort = new AbortController();
  try {
    const regions = await control<Record<string, unknown>>(emulator.endpoints, "regions");
    for (const region of Object.keys(regions)) {
      await control(emulator.endpoints, `regions/${region}`, { latencyMs: RTT_MS });
    }
    const operator = emulator.endpoints.users.find((u) => u.persona === "operator")!;
    const token = await userToken(emulator.endpoints, operator.username);
    // Registries with regional or data endpoints first: more endpoints per stream.
    const registries = (await armRegistries(emulator.endpoints, token)).sort((a, b) => {
      const weight = (r: (typeof registries)[number]) =>
        (r.properties.regionalEndpoints === "Enabled" ? 1 : 0) +
        (r.properties.dataEndpointEnabled ? 1 : 0);
      return weight(b) - weight(a);
    });
    const streams: { state: { samples: number; targets: number; error: string } }[] = [];
    let watched = 0;
    for (const registry of registries) {
      if (watched >= ENDPOINTS) break;
      const url = `${server.url}/api/probes/stream?registryId=${encodeURIComponent(registry.id)}&intervalMs=${INTERVAL_MS}`;
      const stream = await openStream(url, token, abort.signal);
      streams.push(stream);
      watched += stream.targets;
    }
    await sleep(WARMUP_MS);
    const count = () => streams.reduce((sum, s) => sum + s.state.samples, 0);
    const before = count();
    const cpuBefore = processFigures(server.pid!);
    const emulatorBefore = processFigures(emulator.pid!);
    const machineBefore = machineTicks();
    const ownBefore = process.cpuUsage();
    const started = performance.now();
    await sleep(SECONDS * 1000);
    const delivered = count() - before;
    const wallMs = performance.now() - started;
    const cpuAfter = processFigures(server.pid!);
    const emulatorAfter = processFigures(emulator.pid!);
    const machineAfter = machineTicks();
    const own = process.cpuUsage(ownBefore);
    const engine = await engineState(server.url);
    const perSecond = delivered / (wallMs / 1000);
    console.log(
      JSON.stringify({
        bench: "probe-stream",
        endpoints: watched,
        streams: streams.length,
        intervalMs: INTERVAL_MS,
        rttMs: RTT_MS,
        seconds: SECONDS,
        node: process.version,
        loadAvg1m: round(loadavg()[0] ?? 0, 2),
        samplesDelivered: delivered,
        samplesPerSecond: round(perSecond),
        expectedPerSecond: round((watched * 1000) / INTERVAL_MS),
        shareOfExpected: round(perSecond / ((watched * 1000) / INTERVAL_MS), 3),
        streamsEnded: streams.filter((s) => s.state.error).length,
        server: {
          cpuPctOfOneCore: round(((cpuAfter.cpuMs - cpuBefore.cpuMs) / wallMs) * 100),
          cpuMsPerSample: round((cpuAfter.cpuMs - cpuBefore.cpuMs) / Math.max(delivered, 1), 3),
          rssMB: cpuAfter.rssMB,
          engine,
        },
        // Where the rest of the 2 cores went: the emulator answering every probe (TLS, the
        // injected round trip), this process reading the streams, and the machine as a whole.
        emulator: {
          cpuPctOfOneCore: round(((emulatorAfter.cpuMs - emulatorBefore.cpuMs) / wallMs) * 100),
        },
        reader: { cpuPctOfOneCore: round(((own.user + own.system) / 1000 / wallMs) * 100) },
        machineBusyPct: round(
          ((machineAfter.busy - machineBefore.busy) / (machineAfter.total - machineBefore.total)) *
            100,
        ),
        goalPerSecond: GOAL_PER_SECOND,
        meetsGoal: perSecond >= GOAL_PER_SECOND,
      }),
    );
  } finally {
    abort.abort();
    server.stop();
    await emulator.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
