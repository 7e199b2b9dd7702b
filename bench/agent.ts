/**
 * Probe agents and history, one JSON line:
 * - `agent`: a real probe agent process (`agent/main.ts`) probing ~100 endpoints of the emulator's
 *   large fleet at 1 Hz for `BENCH_SECONDS` (default 60): its CPU (% of one core) and memory (RSS);
 * - `metrics`: `GET /metrics` answer time (median of 20, curl) with 1,000 series, beside curl's
 *   time for a 2-byte answer of the same server (the peer);
 * - `history`: the console's history query of 24 h for 50 endpoints x 3 vantages from the embedded
 *   store and from a real Prometheus (Debian's; data backfilled with promtool, a sample every 150 s);
 * - `store`: the embedded store's memory at its bound (`HISTORY_MAX_SERIES`, default 1,000 series).
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { ProbeMetrics } from "@/lib/probe/server/metrics";
import { TTFB_BUCKETS_SECONDS } from "@/lib/probe/shared/buckets";
import { median, sortNumbers } from "@/lib/probe/server";
import type { ProbeSample, ProbeTarget } from "@/lib/probe/shared/types";
import { registryHistory } from "@/lib/vantages/server/history";
import { HistoryStore } from "@/lib/vantages/server/history-store";
import { startAgentProcess } from "@/tests/support/agent-process";
import { startEmulator } from "@/tests/support/emulator-process";
import { startPrometheus } from "@/tests/support/prometheus-process";

const run = promisify(execFile);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const round = (n: number | null | undefined, d = 2) =>
  n === null || n === undefined ? null : Math.round(n * 10 ** d) / 10 ** d;
const mb = (bytes: number) => round(bytes / 1024 / 1024, 1);

function sample(
  target: ProbeTarget,
  at: number,
  ttfbMs: number,
  verdict: "ok" | "timeout" = "ok",
): ProbeSample {
  const stats = {
    n: 1,
    medianMs: ttfbMs,
    p90Ms: ttfbMs,
    minMs: ttfbMs,
    maxMs: ttfbMs,
    lossPct: 0,
    measuring: true,
    windowSize: 1,
    verdicts: {
      ok: 1,
      forbidden: 0,
      throttled: 0,
      error: 0,
      tls: 0,
      dns: 0,
      refused: 0,
      timeout: 0,
    },
  };
  return {
    seq: 0,
    host: target.host,
    kind: target.kind,
    region: target.region,
    at: new Date(at).toISOString(),
    verdict,
    status: verdict === "ok" ? 401 : null,
    reused: true,
    remoteAddress: null,
    lagMs: 0,
    phases: {
      dnsMs: null,
      connectMs: null,
      tlsMs: null,
      sendMs: 0.1,
      ttfbMs: verdict === "ok" ? ttfbMs : null,
      totalMs: ttfbMs,
    },
    stats,
    coldStats: stats,
  };
}

const targetsOf = (n: number): ProbeTarget[] =>
  Array.from({ length: n }, (_, i) => ({
    host: `bench.r${i}.geo.azurecr.io`,
    kind: "regional",
    region: `r${i}`,
  }));

/** CPU ticks and RSS of a process, from /proc. */
function procStats(pid: number): { ticks: number; rss: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  const rssKb = Number(
    /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0,
  );
  return { ticks, rss: rssKb * 1024 };
}

async function agentOverhead() {
  const emulator = await startEmulator({ EMULATOR_FLEET: "large" });
  try {
    const state = JSON.parse(readFileSync(join(emulator.stateDir, "state.json"), "utf8")) as {
      registries: {
        subscriptionId: string;
        resourceGroup: string;
        name: string;
        regionalEndpoints: string;
        dataEndpointEnabled: boolean;
      }[];
      replications: { registryName: string }[];
    };
    const ids: string[] = [];
    let estimate = 0;
    for (const r of state.registries) {
      if (estimate >= 100) break;
      const replicas = state.replications.filter((x) => x.registryName === r.name).length;
      const perReplica =
        (r.regionalEndpoints === "Enabled" ? 1 : 0) + (r.dataEndpointEnabled ? 1 : 0);
      ids.push(
        `/subscriptions/${r.subscriptionId}/resourceGroups/${r.resourceGroup}/providers/Microsoft.ContainerRegistry/registries/${r.name}`,
      );
      estimate += 1 + replicas * perReplica;
    }
    const agent = await startAgentProcess(
      emulator.endpoints,
      join(emulator.stateDir, "endpoints.json"),
      {
        vantage: "westeurope",
        registries: ids,
        intervalMs: 1_000,
        env: { LOG_LEVEL: "warn" },
      },
    );
    try {
      const ready = (await (await fetch(`${agent.url}/readyz`)).json()) as { endpoints: number };
      const pid = agent.pid;
      await new Promise((r) => setTimeout(r, 5_000)); // first rounds open their connections
      const before = procStats(pid);
      const started = Date.now();
      await new Promise((r) => setTimeout(r, SECONDS * 1_000));
      const after = procStats(pid);
      const elapsed = (Date.now() - started) / 1000;
      const metrics = await (await fetch(`${agent.url}/metrics`)).text();
      const probes = [...metrics.matchAll(/^acr_probes_total\{[^}]*\} (\d+)/gm)].reduce(
        (a, m) => a + Number(m[1]),
        0,
      );
      return {
        endpoints: ready.endpoints,
        seconds: Math.round(elapsed),
        cpuPctOfOneCore: round(((after.ticks - before.ticks) / 100 / elapsed) * 100, 1),
        rssMb: mb(after.rss),
        probesTotal: probes,
      };
    } finally {
      await agent.stop();
    }
  } finally {
    await emulator.stop();
  }
}

async function curlMs(url: string): Promise<number> {
  const { stdout } = await run("curl", ["-s", "-o", "/dev/null", "-w", "%{time_total}", url]);
  return Number(stdout) * 1000;
}

async function metricsAnswer() {
  const metrics = new ProbeMetrics({ vantage: "bench" });
  // Each endpoint has 26 series (19 of its warm histogram, counter, 3 gauges... ); grow to 1,000.
  let endpoints = 0;
  const now = Date.now();
  for (;;) {
    const target = targetsOf(endpoints + 1)[endpoints]!;
    metrics.record(sample(target, now, 10 + endpoints), "bench");
    endpoints++;
    const series = (await metrics.exposition()).body
      .split("\n")
      .filter((l) => l && !l.startsWith("#")).length;
    if (series >= 1_000) break;
  }
  const server = createServer((req, res) => {
    if (req.url === "/metrics") {
      void metrics.exposition().then(({ body, contentType }) => {
        res.writeHead(200, { "content-type": contentType });
        res.end(body);
      });
    } else res.end("ok");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as { port: number }).port;
  const times: number[] = [];
  const peer: number[] = [];
  for (let i = 0; i < 20; i++) {
    times.push(await curlMs(`http://127.0.0.1:${port}/metrics`));
    peer.push(await curlMs(`http://127.0.0.1:${port}/peer`));
  }
  server.close();
  const body = (await metrics.exposition()).body;
  return {
    series: body.split("\n").filter((l) => l && !l.startsWith("#")).length,
    endpoints,
    bytes: body.length,
    medianMs: round(median(sortNumbers(times))),
    curlPeerMedianMs: round(median(sortNumbers(peer))),
  };
}

const VANTAGES = ["console", "westeurope", "southeastasia"];
const ENDPOINTS = 50;

async function embeddedHistory() {
  const store = new HistoryStore({ maxSeries: 2_000 });
  const targets = targetsOf(ENDPOINTS);
  const end = Date.now();
  // One probe every 10 s of every endpoint from every vantage for 24 h.
  for (let at = end - 86_400_000; at < end; at += 10_000) {
    for (const v of VANTAGES)
      for (const [i, t] of targets.entries()) store.record(v, "bench", sample(t, at, 5 + (i % 40)));
  }
  const times: number[] = [];
  let series = 0;
  for (let i = 0; i < 10; i++) {
    const started = performance.now();
    const answer = await registryHistory({ registry: "bench", targets, range: "24h", store });
    times.push(performance.now() - started);
    series = answer.series.length;
  }
  return { series, medianMs: round(median(sortNumbers(times))) };
}

async function prometheusHistory() {
  const dir = mkdtempSync(join(tmpdir(), "bench-prom-"));
  try {
    const targets = targetsOf(ENDPOINTS);
    const end = Math.floor(Date.now() / 1000);
    // Two samples in each 5-minute window of the 24 h query (its rate() needs two).
    const step = 150;
    const lines: string[] = [
      "# TYPE acr_probe_ttfb_seconds histogram",
      "# TYPE acr_probes counter",
    ];
    for (const v of VANTAGES) {
      for (const [i, t] of targets.entries()) {
        const labels = `registry="bench",kind="regional",region="${t.region}",host="${t.host}",vantage="${v}"`;
        const ttfb = (5 + (i % 40)) / 1000;
        for (let k = 0, at = end - 86_400; at <= end; at += step, k++) {
          const count = (k + 1) * 150;
          for (const le of TTFB_BUCKETS_SECONDS) {
            lines.push(
              `acr_probe_ttfb_seconds_bucket{${labels},le="${le}"} ${ttfb <= le ? count : 0} ${at}`,
            );
          }
          lines.push(`acr_probe_ttfb_seconds_bucket{${labels},le="+Inf"} ${count} ${at}`);
          lines.push(`acr_probes_total{${labels},verdict="ok"} ${count} ${at}`);
        }
      }
    }
    lines.push("# EOF");
    writeFileSync(join(dir, "data.om"), `${lines.join("\n")}\n`);
    await run(
      "promtool",
      ["tsdb", "create-blocks-from", "openmetrics", join(dir, "data.om"), join(dir, "data")],
      {
        maxBuffer: 64 << 20,
      },
    );
    const prometheus = await startPrometheus([], [], { storage: join(dir, "data") });
    try {
      const times: number[] = [];
      let series = 0;
      for (let i = 0; i < 5; i++) {
        const started = performance.now();
        const answer = await registryHistory({
          registry: "bench",
          targets,
          range: "24h",
          prometheus: { baseUrl: prometheus.url },
          store: new HistoryStore({ maxSeries: 1 }),
          now: end * 1000,
        });
        times.push(performance.now() - started);
        series = answer.series.length;
      }
      return { series, medianMs: round(median(sortNumbers(times))) };
    } finally {
      await prometheus.stop();
    }
  } catch (error) {
    return { error: error instanceof Error ? error.message.slice(0, 300) : String(error) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function storeAtBound() {
  const maxSeries = Number(process.env.HISTORY_MAX_SERIES ?? 1_000);
  const before = process.memoryUsage().arrayBuffers;
  const store = new HistoryStore({ maxSeries });
  const targets = targetsOf(maxSeries);
  const now = Date.now();
  for (const t of targets) store.record("v", "bench", sample(t, now, 10));
  return {
    series: store.size,
    bucketsMb: mb(store.bytes),
    kbPerSeries: round(store.bytes / store.size / 1024, 1),
    arrayBuffersGrowthMb: mb(process.memoryUsage().arrayBuffers - before),
  };
}

async function main() {
  const result = {
    bench: "agent",
    agent: await agentOverhead(),
    metrics: await metricsAnswer(),
    history: { embedded: await embeddedHistory(), prometheus: await prometheusHistory() },
    store: storeAtBound(),
  };
  console.log(JSON.stringify(result));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
