/**
 * The availability part of bench:fleet: the embedded store filled with 24 h of the sweep's
 * probes of every endpoint of the large fleet (one a minute, as FLEET_SWEEP_INTERVAL_MS's
 * default gives), then `GET /api/fleet`'s availability computed from it: one pass over the store
 * and one over the replicas, median of 5, and the store's memory.
 */
import { fleetAvailability } from "@/lib/fleet/server/availability";
import { replicaHosts } from "@/lib/fleet/shared/availability";
import type { FleetRegistry } from "@/lib/fleet/shared/types";
import type { ProbeTarget } from "@/lib/probe/shared/types";
import { AvailabilityStore } from "@/lib/vantages/server/availability-store";
import { HistoryStore } from "@/lib/vantages/server/history-store";

const RUNS = 5;
const round = (n: number, digits = 0) => Math.round(n * 10 ** digits) / 10 ** digits;

export async function availabilityFigures(registries: FleetRegistry[], all: ProbeTarget[]) {
  // What the sweep feeds the store: regional and data endpoints (the global name is no replica's).
  const targets = all.filter((t) => t.kind !== "global");
  const store = new AvailabilityStore();
  const now = Date.now();
  const start = now - 86_400_000;
  const heap0 = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  const f0 = performance.now();
  for (let minute = 0; minute < 24 * 60; minute++) {
    const at = start + minute * 60_000;
    // One endpoint in 50 refuses during one hour: some replicas below 100 %.
    const down = minute >= 600 && minute < 660;
    for (let i = 0; i < targets.length; i++) {
      store.record("console", targets[i]!.host, down && i % 50 === 0 ? "refused" : "ok", at);
    }
  }
  const fillMs = performance.now() - f0;
  const heap1 = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  const embedded = {
    availability: store,
    history: new HistoryStore({ maxSeries: 1 }),
    startedAt: new Date(start).toISOString(),
  };
  const times: number[] = [];
  let replicas = 0;
  let below = 0;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const answer = await fleetAvailability(registries, { embedded, minPct: 99, now });
    times.push(performance.now() - t0);
    const values = Object.values(answer.replicas);
    replicas = values.length;
    below = values.filter((a) => a.pct < 99).length;
  }
  times.sort((a, b) => a - b);
  return {
    source: "embedded",
    endpoints: store.size,
    replicasWithEndpoints: registries.reduce(
      (n, r) => n + r.replicas.filter((x) => replicaHosts(r, x).length > 0).length,
      0,
    ),
    replicasWithFigures: replicas,
    replicasBelow99: below,
    probesStored: targets.length * 24 * 60,
    fillMs: round(fillMs),
    queryRuns: RUNS,
    queryMedianMs: round(times[Math.floor(RUNS / 2)]!, 1),
    queryMs: times.map((t) => round(t, 1)),
    storeBytes: store.bytes,
    storeHeapMB: round((heap1 - heap0) / 2 ** 20, 1),
  };
}
