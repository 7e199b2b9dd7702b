/**
 * Accuracy of the prober against the emulator: with regions set to known RTTs, compare per
 * region the prober's warm TTFB median with the injected RTT and with curl's timing of the same
 * endpoint in the same run (`time_starttransfer - time_pretransfer` on a reused connection).
 * Prints one JSON line. `BENCH_SECONDS` (default 30) sets how long the prober runs.
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { promisify } from "node:util";
import { toRegistry } from "@/lib/azure/map";
import type { ArmRegistry } from "@/lib/azure/arm-types";
import {
  ProbeHub,
  median,
  parseConnectTo,
  targetsFromRegistry,
  type ProbeSample,
  type ProbeTarget,
} from "@/lib/probe/server";
import { startEmulator, type EmulatorEndpoints } from "../tests/support/emulator-process";
import { automationToken, caFetch, control } from "../tests/support/emulator-client";

const run = promisify(execFile);
const RTTS_MS = [5, 40, 120, 250];
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const INTERVAL_MS = 1000;

async function armGet<T>(e: EmulatorEndpoints, token: string, url: string): Promise<T> {
  const res = await caFetch(e)(url, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`GET ${url}: ${res.status}`);
  return (await res.json()) as T;
}

/** The regional endpoints of the first registry ARM lists with regional endpoints on. */
async function regionalTargets(e: EmulatorEndpoints): Promise<ProbeTarget[]> {
  const token = await automationToken(e);
  const subs = await armGet<{ value: { subscriptionId: string }[] }>(
    e,
    token,
    `${e.armEndpoint}/subscriptions?api-version=2022-12-01`,
  );
  for (const { subscriptionId } of subs.value) {
    let url: string | undefined =
      `${e.armEndpoint}/subscriptions/${subscriptionId}/providers/Microsoft.ContainerRegistry/registries?api-version=2026-01-01-preview`;
    while (url) {
      const page: { value: ArmRegistry[]; nextLink?: string } = await armGet(e, token, url);
      for (const arm of page.value) {
        const targets = targetsFromRegistry(toRegistry(arm)).filter((t) => t.kind === "regional");
        if (targets.length >= RTTS_MS.length) return targets.slice(0, RTTS_MS.length);
      }
      url = page.nextLink;
    }
  }
  throw new Error(`no registry with ${RTTS_MS.length} regional endpoints`);
}

/**
 * curl's warm TTFB samples of one host: one curl run requesting the URL `count` times on one
 * connection, paced by `--rate` at the prober's interval so both see the same idle gaps (a
 * connection that idles a second answers a little slower than one used back to back).
 */
async function curlWarm(e: EmulatorEndpoints, host: string, count: number): Promise<number[]> {
  const [ip, port] = e.dataPlaneAddress.split(":");
  // `-o` applies to one URL only: each URL gets its own.
  const urls = Array.from({ length: count }, () => ["-o", "/dev/null", `https://${host}/v2/`]);
  const { stdout } = await run("curl", [
    "-s",
    "--connect-to",
    `${host}:443:${ip}:${port}`,
    "--cacert",
    e.caFile,
    "--rate",
    `${Math.round(60_000 / INTERVAL_MS)}/m`,
    "-w",
    "%{num_connects} %{time_pretransfer} %{time_starttransfer} %{http_code}\\n",
    ...urls.flat(),
  ]);
  const samples: number[] = [];
  for (const line of stdout.trim().split("\n")) {
    const [connects, pre, start, status] = line.split(" ").map(Number) as number[];
    if (status !== 401) throw new Error(`curl ${host}: unexpected ${JSON.stringify(line)}`);
    if (connects === 0) samples.push((start! - pre!) * 1000);
  }
  return samples;
}

const round = (n: number | null) => (n === null ? null : Math.round(n * 100) / 100);

async function main() {
  const emulator = await startEmulator();
  try {
    const e = emulator.endpoints;
    const targets = await regionalTargets(e);
    for (const [i, t] of targets.entries()) {
      await control(e, `regions/${t.region}`, { latencyMs: RTTS_MS[i] });
    }
    const hub = new ProbeHub({
      connectTo: parseConnectTo(e.dataPlaneAddress),
      ca: readFileSync(e.caFile, "utf8"),
      intervalMs: INTERVAL_MS,
      windowSize: Math.ceil((SECONDS * 1000) / INTERVAL_MS) + 5,
    });
    const samples: ProbeSample[] = [];
    const stop = hub.subscribe("bench", targets, (s) => samples.push(s));
    // curl probes the same hosts at the same pace, in the same time window.
    const count = Math.floor((SECONDS * 1000) / INTERVAL_MS);
    const curl = await Promise.all(targets.map((t) => curlWarm(e, t.host, count)));
    stop();
    hub.close();

    const regions = [];
    for (const [i, t] of targets.entries()) {
      const injected = RTTS_MS[i]!;
      const mine = samples.filter((s) => s.host === t.host);
      const answered = mine.filter((s) => s.reused && s.status !== null);
      const warm = answered.map((s) => s.phases.ttfbMs!);
      const proberMedian = median(warm);
      // The same samples timed from the request start (sendMs + ttfbMs): what a naive timer sees.
      const fromStart = median(answered.map((s) => (s.phases.sendMs ?? 0) + s.phases.ttfbMs!));
      const curlSamples = curl[i]!;
      const curlMedian = median(curlSamples);
      const tolerance = 2 + 0.03 * injected;
      regions.push({
        region: t.region,
        host: t.host,
        injectedMs: injected,
        prober: {
          warmMedianMs: round(proberMedian),
          fromRequestStartMedianMs: round(fromStart),
          sendMedianMs: round(median(answered.map((s) => s.phases.sendMs ?? 0))),
          n: warm.length,
          samples: mine.length,
          lost: mine.filter((s) => s.status === null).length,
        },
        curl: { warmMedianMs: round(curlMedian), n: curlSamples.length },
        vsInjectedMs: round(proberMedian === null ? null : proberMedian - injected),
        toleranceMs: round(tolerance),
        withinInjected: proberMedian !== null && Math.abs(proberMedian - injected) <= tolerance,
        vsCurlPct: round(
          proberMedian === null || curlMedian === null
            ? null
            : ((proberMedian - curlMedian) / curlMedian) * 100,
        ),
        withinCurl:
          proberMedian !== null &&
          curlMedian !== null &&
          Math.abs(proberMedian - curlMedian) <= 0.05 * curlMedian,
      });
    }
    console.log(
      JSON.stringify({
        bench: "probes",
        seconds: SECONDS,
        intervalMs: INTERVAL_MS,
        node: process.version,
        loadAvg1m: round(loadavg()[0] ?? null),
        regions,
        allWithinInjected: regions.every((r) => r.withinInjected),
        allWithinCurl: regions.every((r) => r.withinCurl),
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
