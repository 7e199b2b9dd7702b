/**
 * Cost of probing at scale: 3,000 endpoints at a 2 s interval for 60 s in one process (the
 * console's hub with its default bound on probes in flight and its endpoint cap), all through the
 * real HTTPS prober, against a local HTTPS registry stand-in running in a child process (so its
 * CPU is not counted) that answers like ACR after ~100 ms (a cross-region reply). Reports the lag
 * of each probe's start against its schedule (p50/p90/p99/max, over the whole run and after the
 * first interval, in which every endpoint opens its connection), whether every sample expected
 * after the first interval was taken, the CPU this process used and its memory (goal: p99 lag
 * < 50 ms, every expected sample, RSS < 400 MB). Opening the connections is the costly part, so
 * the run also reports when the last endpoint had its first sample and the same figures from
 * then on, and, as a peer measured in the same run against the same stand-in, how many bare TLS
 * connections a second Node's own `tls.connect` opens on this machine: the floor under the time
 * any prober in one Node process needs to connect to every endpoint; with the CPU both ends of
 * such a handshake take (this process and the stand-in, on the same cores), the least time the
 * machine needs to open every connection, whatever the prober does. The bench keeps its own
 * figures in typed arrays so that its bookkeeping weighs little in the process's memory. Prints
 * one JSON line. `BENCH_SECONDS`, `BENCH_ENDPOINTS`, `BENCH_INTERVAL_MS` and `BENCH_REPLY_MS`
 * override the defaults.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { connect, createSecureContext, rootCertificates } from "node:tls";
import {
  DEFAULT_CONCURRENCY,
  ProbeHub,
  percentile,
  sortNumbers,
  type ProbeTarget,
} from "@/lib/probe/server";
import { makeTestPki } from "@/tests/unit/probe/server/tls-fixture";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const ENDPOINTS = Number(process.env.BENCH_ENDPOINTS ?? 3000);
const INTERVAL_MS = Number(process.env.BENCH_INTERVAL_MS ?? 2000);
const REPLY_MS = Number(process.env.BENCH_REPLY_MS ?? 100);
const DOMAIN = "scale.test";
/** The first interval: every endpoint's first, connection-opening round. */
const WARMUP_MS = INTERVAL_MS;

/** The stand-in registry: answers `GET /v2/` like ACR (401 + Bearer challenge for the host). */
const SERVER = `
const { createServer } = require("node:https");
const replyMs = Number(process.env.REPLY_MS);
const server = createServer({ key: process.env.KEY, cert: process.env.CERT, keepAliveTimeout: 30000 }, (req, res) => {
  const host = req.headers.host || "";
  setTimeout(() => {
    res.writeHead(401, {
      "content-type": "application/json; charset=utf-8",
      "www-authenticate": 'Bearer realm="https://' + host + '/oauth2/token",service="' + host + '"',
    });
    res.end('{"errors":[{"code":"UNAUTHORIZED","message":"authentication required","detail":null}]}');
  }, replyMs);
});
server.maxConnections = 100000;
server.listen(0, "127.0.0.1", () => process.stdout.write(server.address().port + "\\n"));
`;

async function startServer(key: string, cert: string) {
  const child = spawn(process.execPath, ["-e", SERVER], {
    env: { ...process.env, KEY: key, CERT: cert, REPLY_MS: String(REPLY_MS) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.once("data", (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
    child.once("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { port, pid: child.pid, stop: () => child.kill("SIGTERM") };
}

/** CPU a process has used (ms), from /proc (Linux); null elsewhere. */
function processCpuMs(pid: number | undefined): number | null {
  try {
    // Fields after the command name: utime and stime are the 12th and 13th, in clock ticks.
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks * (1000 / CLOCK_TICKS_PER_SECOND) : null;
  } catch {
    return null;
  }
}
/** USER_HZ: 100 on every Linux architecture Node runs on. */
const CLOCK_TICKS_PER_SECOND = 100;

/**
 * The peer: bare TLS connections (handshake, then close) to the stand-in, 50 at a time, for
 * `count` names under its certificate, with the CA bundle the prober uses. Connections per second.
 */
async function bareTls(server: { port: number; pid?: number }, ca: string, count: number) {
  const { port } = server;
  const secureContext = createSecureContext({ ca: [...rootCertificates, ca] });
  let next = 0;
  const cpuBefore = process.cpuUsage();
  const serverCpuBefore = processCpuMs(server.pid);
  const started = performance.now();
  const worker = async () => {
    while (next < count) {
      const servername = `peer${next++}.${DOMAIN}`;
      await new Promise<void>((resolve, reject) => {
        const socket = connect({ host: "127.0.0.1", port, servername, secureContext }, () => {
          socket.destroy();
          resolve();
        });
        socket.once("error", reject);
      });
    }
  };
  await Promise.all(Array.from({ length: 50 }, worker));
  const perSecond = count / ((performance.now() - started) / 1000);
  const cpu = process.cpuUsage(cpuBefore);
  const serverCpu = processCpuMs(server.pid);
  return {
    perSecond,
    clientCpuMs: (cpu.user + cpu.system) / 1000 / count,
    serverCpuMs:
      serverCpu === null || serverCpuBefore === null ? null : (serverCpu - serverCpuBefore) / count,
  };
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
    // What replay and the statistics need is kept by the hub; the bench keeps only its figures.
    const room = Math.ceil(ENDPOINTS * ((SECONDS * 1000) / INTERVAL_MS + 4));
    const scheduled = new Float64Array(room);
    const lagMs = new Float32Array(room);
    const warmTtfb = new Float32Array(room);
    let count = 0;
    let warmCount = 0;
    const verdicts: Record<string, number> = {};
    /** When each endpoint had its first sample (epoch ms). */
    const firstSample = new Map<string, number>();
    let peakRss = 0;
    /** The memory reading with the highest RSS, and when (ms into the run). */
    let atPeak: (NodeJS.MemoryUsage & { atMs: number }) | undefined;
    const memoryTimer = setInterval(() => {
      const reading = process.memoryUsage();
      if (reading.rss > peakRss) atPeak = { ...reading, atMs: Date.now() - startedAt };
      peakRss = Math.max(peakRss, reading.rss);
    }, 1000);
    const rssAtStart = process.memoryUsage().rss;
    const cpuBefore = process.cpuUsage();
    const wallBefore = performance.now();
    const startedAt = Date.now();
    const stop = hub.subscribe("bench", targets, (s) => {
      const at = Date.parse(s.at);
      if (count < room) {
        scheduled[count] = at - s.lagMs;
        lagMs[count] = s.lagMs;
        count++;
      }
      verdicts[s.verdict] = (verdicts[s.verdict] ?? 0) + 1;
      if (!firstSample.has(s.host)) firstSample.set(s.host, at);
      if (s.reused && s.phases.ttfbMs !== null) warmTtfb[warmCount++] = s.phases.ttfbMs;
    });
    // Rounds scheduled before the end have answered a reply's time (and some) later.
    await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000 + REPLY_MS * 5));
    const limitAtEnd = hub.load.limit;
    // With --expose-gc (NODE_OPTIONS): the heap live with every endpoint probed, without garbage.
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const liveHeap = gc ? mb(process.memoryUsage().heapUsed) : null;
    stop();
    const cpu = process.cpuUsage(cpuBefore);
    const wallMs = performance.now() - wallBefore;
    clearInterval(memoryTimer);
    const memory = process.memoryUsage();
    hub.close();

    const peer = await bareTls(server, pki.caPem, Math.min(ENDPOINTS, 2000));
    const peerRate = peer.perSecond;
    // Both ends of a handshake run on this machine's cores: the least time in which they can
    // open every endpoint's connection, whatever the prober does.
    const handshakeCpuMs = peer.serverCpuMs === null ? null : peer.clientCpuMs + peer.serverCpuMs;

    const endAt = startedAt + SECONDS * 1000;
    /** Lags of the samples scheduled in [from, end of the run). */
    const lagsFrom = (from: number) => {
      const out: number[] = [];
      for (let i = 0; i < count; i++) {
        const at = scheduled[i] as number;
        if (at >= from && at < endAt) out.push(lagMs[i] as number);
      }
      return sortNumbers(out);
    };
    const lags = lagsFrom(-Infinity);
    // After the first interval (every endpoint's first, connection-opening round).
    const steadyLags = lagsFrom(startedAt + WARMUP_MS);
    // Every endpoint has one slot per interval after the first one: (SECONDS / interval - 1).
    const slotsPerEndpoint = (ms: number) => Math.max(Math.floor(ms / INTERVAL_MS) - 1, 0);
    const expectedAfterFirstInterval = ENDPOINTS * slotsPerEndpoint(SECONDS * 1000);
    const takenAfterFirstInterval = steadyLags.length;
    // From the moment every endpoint had its first sample.
    const connectedAt =
      firstSample.size === ENDPOINTS ? Math.max(...firstSample.values()) : Number.NaN;
    const connectedLags = Number.isNaN(connectedAt) ? [] : lagsFrom(connectedAt);
    // Each endpoint has at least floor(window / interval) slots in a window.
    const expectedAfterConnected = Number.isNaN(connectedAt)
      ? null
      : ENDPOINTS * Math.floor((endAt - connectedAt) / INTERVAL_MS);
    const warm = sortNumbers(Array.from(warmTtfb.subarray(0, warmCount)));
    const p99 = percentile(steadyLags, 0.99);
    const peakRssMb = mb(Math.max(peakRss, memory.rss));
    console.log(
      JSON.stringify({
        bench: "probe-scale",
        endpoints: ENDPOINTS,
        intervalMs: INTERVAL_MS,
        replyMs: REPLY_MS,
        seconds: SECONDS,
        concurrency: { start: DEFAULT_CONCURRENCY, atEnd: limitAtEnd },
        maxEndpoints: hub.capacity,
        node: process.version,
        nodeOptions: process.env.NODE_OPTIONS ?? "",
        loadAvg1m: round(loadavg()[0]),
        samples: lags.length,
        expectedSamples: Math.floor((ENDPOINTS * SECONDS * 1000) / INTERVAL_MS),
        expectedAfterFirstInterval,
        takenAfterFirstInterval,
        probesPerSecond: round(lags.length / SECONDS),
        verdicts,
        lagMs: {
          p50: round(percentile(lags, 0.5)),
          p90: round(percentile(lags, 0.9)),
          p99: round(percentile(lags, 0.99)),
          max: round(lags.at(-1)),
        },
        lagMsAfterFirstInterval: {
          fromMs: WARMUP_MS,
          p50: round(percentile(steadyLags, 0.5)),
          p99: round(percentile(steadyLags, 0.99)),
          max: round(steadyLags.at(-1)),
        },
        connecting: {
          allConnectedAfterMs: Number.isNaN(connectedAt) ? null : connectedAt - startedAt,
          peerBareTlsConnectionsPerSecond: round(peerRate),
          peerFloorMsForAll: Math.round((ENDPOINTS / peerRate) * 1000),
          peerCpuMsPerHandshake: {
            client: round(peer.clientCpuMs),
            server: round(peer.serverCpuMs),
          },
          cores: availableParallelism(),
          cpuFloorMsForAll:
            handshakeCpuMs === null
              ? null
              : Math.round((ENDPOINTS * handshakeCpuMs) / availableParallelism()),
        },
        afterAllConnected: {
          p50: round(percentile(connectedLags, 0.5)),
          p99: round(percentile(connectedLags, 0.99)),
          max: round(connectedLags.at(-1)),
          expected: expectedAfterConnected,
          taken: connectedLags.length,
        },
        warmTtfbMs: {
          p50: round(percentile(warm, 0.5)),
          p99: round(percentile(warm, 0.99)),
        },
        cpu: {
          userMs: Math.round(cpu.user / 1000),
          systemMs: Math.round(cpu.system / 1000),
          pctOfOneCore: round(((cpu.user + cpu.system) / 1000 / wallMs) * 100),
          msPerProbe: round((cpu.user + cpu.system) / 1000 / Math.max(count, 1)),
        },
        memoryMB: {
          atStart: mb(rssAtStart),
          rss: mb(memory.rss),
          peakRss: peakRssMb,
          atPeak: atPeak && {
            atMs: atPeak.atMs,
            heapTotal: mb(atPeak.heapTotal),
            heapUsed: mb(atPeak.heapUsed),
            external: mb(atPeak.external),
          },
          heapUsed: mb(memory.heapUsed),
          liveHeap,
        },
        goals: { p99LagMsAfterFirstInterval: 50, everyExpectedSample: true, peakRssMB: 400 },
        meetsGoal:
          p99 !== null &&
          p99 < 50 &&
          takenAfterFirstInterval >= expectedAfterFirstInterval &&
          peakRssMb < 400,
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
