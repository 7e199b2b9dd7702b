/**
 * Cost of probing at scale: 100 endpoints at 1 Hz for 60 s in one process (the console's), all
 * through the real HTTPS prober, against a local HTTPS registry stand-in running in a child
 * process (so its CPU is not counted). Reports the lag of each probe's start against its
 * schedule (p50/p90/p99/max, over the whole run and after the first 5 s in which every endpoint
 * opens its connection), the CPU this process used and its memory. Prints one JSON line.
 * `BENCH_SECONDS` and `BENCH_ENDPOINTS` override the defaults.
 */
import { spawn } from "node:child_process";
import { loadavg } from "node:os";
import {
  ProbeHub,
  percentile,
  sortNumbers,
  type ProbeSample,
  type ProbeTarget,
} from "@/lib/probe/server";
import { makeTestPki } from "@/tests/unit/probe/server/tls-fixture";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const ENDPOINTS = Number(process.env.BENCH_ENDPOINTS ?? 100);
const INTERVAL_MS = 1000;
const DOMAIN = "scale.test";
const WARMUP_MS = 5000;

/** The stand-in registry: answers `GET /v2/` like ACR (401 + Bearer challenge for the host). */
const SERVER = `
const { createServer } = require("node:https");
const server = createServer({ key: process.env.KEY, cert: process.env.CERT, keepAliveTimeout: 30000 }, (req, res) => {
  const host = req.headers.host || "";
  res.writeHead(401, {
    "content-type": "application/json; charset=utf-8",
    "www-authenticate": 'Bearer realm="https://' + host + '/oauth2/token",service="' + host + '"',
  });
  res.end('{"errors":[{"code":"UNAUTHORIZED","message":"authentication required","detail":null}]}');
});
server.listen(0, "127.0.0.1", () => process.stdout.write(server.address().port + "\\n"));
`;

async function startServer(key: string, cert: string) {
  const child = spawn(process.execPath, ["-e", SERVER], {
    env: { ...process.env, KEY: key, CERT: cert },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.once("data", (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
    child.once("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { port, stop: () => child.kill("SIGTERM") };
}

const round = (n: number | null | undefined) =>
  n === null || n === undefined ? null : Math.round(n * 100) / 100;
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

async function main() {
  const pki = makeTestPki([`*.${DOMAIN}`]);
  const server = await startServer(pki.keyPem, pki.certPem);
  try {
    const targets: ProbeTarget[] = Array.from({ length: ENDPOINTS }, (_, i) => {
      const region = `region${String(i).padStart(3, "0")}`;
      // One label under the wildcard certificate's domain.
      return { host: `${region}.${DOMAIN}`, kind: "regional", region };
    });
    const hub = new ProbeHub({
      connectTo: { host: "127.0.0.1", port: server.port },
      ca: pki.caPem,
      intervalMs: INTERVAL_MS,
    });
    const samples: ProbeSample[] = [];
    let peakRss = 0;
    const memoryTimer = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 1000);
    const cpuBefore = process.cpuUsage();
    const wallBefore = performance.now();
    const stop = hub.subscribe("bench", targets, (s) => samples.push(s));
    await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
    stop();
    const cpu = process.cpuUsage(cpuBefore);
    const wallMs = performance.now() - wallBefore;
    clearInterval(memoryTimer);
    const memory = process.memoryUsage();
    hub.close();

    const lags = sortNumbers(samples.map((s) => s.lagMs));
    // After the ramp-up (every endpoint's first, connection-opening round) has settled.
    const steadyFrom = Date.parse(samples[0]?.at ?? new Date().toISOString()) + WARMUP_MS;
    const steadyLags = sortNumbers(
      samples.filter((s) => Date.parse(s.at) >= steadyFrom).map((s) => s.lagMs),
    );
    const verdicts: Record<string, number> = {};
    for (const s of samples) verdicts[s.verdict] = (verdicts[s.verdict] ?? 0) + 1;
    const warmTtfb = sortNumbers(
      samples.filter((s) => s.reused && s.phases.ttfbMs !== null).map((s) => s.phases.ttfbMs!),
    );
    const p99 = percentile(lags, 0.99);
    console.log(
      JSON.stringify({
        bench: "probe-scale",
        endpoints: ENDPOINTS,
        intervalMs: INTERVAL_MS,
        seconds: SECONDS,
        node: process.version,
        loadAvg1m: round(loadavg()[0]),
        samples: samples.length,
        expectedSamples: Math.floor((ENDPOINTS * SECONDS * 1000) / INTERVAL_MS),
        verdicts,
        lagMs: {
          p50: round(percentile(lags, 0.5)),
          p90: round(percentile(lags, 0.9)),
          p99: round(p99),
          max: round(lags.at(-1)),
        },
        lagMsAfterWarmup: {
          warmupMs: WARMUP_MS,
          p50: round(percentile(steadyLags, 0.5)),
          p99: round(percentile(steadyLags, 0.99)),
          max: round(steadyLags.at(-1)),
        },
        warmTtfbMs: {
          p50: round(percentile(warmTtfb, 0.5)),
          p99: round(percentile(warmTtfb, 0.99)),
        },
        cpu: {
          userMs: Math.round(cpu.user / 1000),
          systemMs: Math.round(cpu.system / 1000),
          pctOfOneCore: round(((cpu.user + cpu.system) / 1000 / wallMs) * 100),
          msPerProbe: round((cpu.user + cpu.system) / 1000 / Math.max(samples.length, 1)),
        },
        memoryMB: {
          rss: mb(memory.rss),
          peakRss: mb(Math.max(peakRss, memory.rss)),
          heapUsed: mb(memory.heapUsed),
        },
        goalP99LagMs: 50,
        meetsGoal: p99 !== null && p99 < 50,
      }),
    );
  } finally {
    server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
