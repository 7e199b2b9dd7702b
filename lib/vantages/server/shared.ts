import "server-only";
import { createServer, type Server } from "node:http";
import { getSettings, getVantageSettings } from "@/lib/env";
import { logger } from "@/lib/log/logger";
import { ProbeMetrics, registryNameOf, registryNameOfHost } from "@/lib/probe/server/metrics";
import { onSharedHub } from "@/lib/probe/server/shared-hub";
import { onSharedSweep } from "@/lib/probe/server/sweep/shared-sweep";
import { AgentFeed } from "./agent-feed";
import { AvailabilityStore } from "./availability-store";
import { HistoryStore } from "./history-store";

/** The console's vantage machinery, one per server process. */
export interface Vantages {
  /** The console's own vantage name (`PROBE_VANTAGE_NAME`). */
  consoleName: string;
  history: HistoryStore;
  /** The fleet sweep's probes: counts per endpoint in five-minute buckets for 24 h. */
  availability: AvailabilityStore;
  /** When the embedded history started (ISO): it holds what arrived since. */
  startedAt: string;
  /** The console's prober as Prometheus metrics (recorded only when they are served). */
  metrics: ProbeMetrics;
  metricsServed: boolean;
  feeds: AgentFeed[];
  stop(): void;
}

const holder = globalThis as typeof globalThis & { __acrVantages?: Vantages };

/**
 * The process's vantages, started on first use (and by the startup hook): the embedded history,
 * one feed per configured agent, the console's own samples observed on the shared probe hub, and
 * its metrics listener when `METRICS_LISTEN` is set.
 */
export function sharedVantages(): Vantages {
  if (holder.__acrVantages) return holder.__acrVantages;
  const settings = getVantageSettings();
  const consoleName = getSettings().vantageName;
  const history = new HistoryStore({
    maxSeries: settings.historyMaxSeries,
    onFull: (maxSeries) =>
      logger().warn(
        { event: "history-full", maxSeries },
        "embedded history full: endpoints probed beyond HISTORY_MAX_SERIES get no history until a kept one is no longer probed (raise it, or set PROMETHEUS_URL)",
      ),
  });
  const availability = new AvailabilityStore();
  const startedAt = new Date().toISOString();
  const metrics = new ProbeMetrics({ vantage: consoleName });
  const metricsServed = Boolean(settings.metricsToken || settings.metricsListen);
  onSharedHub("vantages", (hub) => {
    metrics.watchEngine(hub);
    return hub.observe((sample, group) => {
      const registry = registryNameOf(group);
      history.record(consoleName, registry, sample);
      if (metricsServed) metrics.record(sample, registry);
    });
  });
  // The fleet sweep probes every replica of every viewer's fleet from the console's vantage.
  onSharedSweep("vantages", (sweep) =>
    sweep.subscribe((health) => {
      for (const h of health) {
        // The global name counts for no replica (any replica may answer it).
        if (h.kind !== "global") availability.record(consoleName, h.host, h.verdict, h.at);
        if (metricsServed) metrics.recordVerdict(h, registryNameOfHost(h.host));
      }
    }),
  );
  const feeds = settings.agents.map(
    (agent) =>
      new AgentFeed({
        agent,
        onSample: (sample, registry) => history.record(agent.name, registry, sample),
      }),
  );
  for (const feed of feeds) feed.start();
  let listener: Server | undefined;
  if (settings.metricsListen) {
    const { host, port } = settings.metricsListen;
    listener = createServer((req, res) => {
      if (new URL(req.url ?? "/", "http://x").pathname !== "/metrics") {
        res.writeHead(404).end();
        return;
      }
      void metrics.exposition().then(({ body, contentType }) => {
        res.writeHead(200, { "content-type": contentType, "cache-control": "no-store" });
        res.end(body);
      });
    });
    listener.on("error", (error) =>
      logger().error({ event: "metrics-listen", error: error.message }, "metrics listener failed"),
    );
    listener.listen(port, host);
  }
  holder.__acrVantages = {
    consoleName,
    history,
    availability,
    startedAt,
    metrics,
    metricsServed,
    feeds,
    stop() {
      for (const feed of feeds) feed.stop();
      listener?.close();
      holder.__acrVantages = undefined;
    },
  };
  return holder.__acrVantages;
}

/** Stops the process's vantages if they were started (tests, shutdown). */
export function stopSharedVantages(): void {
  holder.__acrVantages?.stop();
}
