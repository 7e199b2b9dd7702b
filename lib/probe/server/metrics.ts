import "server-only";
import { Counter, Gauge, Histogram, Registry } from "prom-client";
import { TTFB_BUCKETS_SECONDS } from "@/lib/probe/shared/buckets";
import { isAvailable } from "@/lib/probe/shared/availability";
import { VERDICTS, type ProbeSample, type Verdict } from "@/lib/probe/shared/types";

/**
 * Probe samples as Prometheus metrics (prom-client), the same for the console's own prober and
 * for every probe agent. Every series is labelled by `registry` (the registry's name, unique in
 * Azure), `kind` (global, regional, data), `region` (empty for the global name), `host` and
 * `vantage` (where the probes run from). Times are in seconds, Prometheus's base unit.
 *
 * - `acr_probe_ttfb_seconds` (histogram): warm TTFB (kept-alive connection) of answered probes;
 * - `acr_probe_cold_phase_seconds` (histogram, `phase` = dns, connect, tls, ttfb, total): each
 *   phase of probes on a new connection;
 * - `acr_probes_total` (counter, `verdict`): probes by verdict (ok, forbidden, throttled, ...);
 * - `acr_probe_up` (gauge): 1 when the last probe's verdict was ok, else 0;
 * - `acr_probe_ttfb_median_seconds` (gauge): median warm TTFB over the rolling window;
 * - `acr_probe_last_timestamp_seconds` (gauge): when the last probe started;
 * and, labelled by `vantage` only, the engine's own state (is this process keeping up?):
 * - `acr_probe_schedule_lag_seconds` (histogram): how late each probe started against its slot;
 * - `acr_probe_engine_endpoints`, `acr_probe_engine_in_flight_limit`, `acr_probe_engine_in_flight`
 *   and `acr_probe_engine_waiting` (gauges, read at scrape time from the hub): endpoints probed,
 *   the bound on probes in flight, probes in flight, rounds waiting for a slot.
 */
export const PROBE_LABELS = ["registry", "kind", "region", "host", "vantage"] as const;

/** Schedule lag buckets (seconds): on time is a few milliseconds; seconds mean a saturated engine. */
export const LAG_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** What the engine gauges read from a probe hub. */
export interface EngineState {
  readonly load: { limit: number; inFlight: number; waiting: number };
  activeHosts(): readonly string[];
}

/** TTFB buckets (seconds), shared with the embedded history (lib/probe/shared/buckets.ts). */
export const TTFB_BUCKETS = [...TTFB_BUCKETS_SECONDS];

export const COLD_PHASES = ["dns", "connect", "tls", "ttfb", "total"] as const;

type Labels = Record<(typeof PROBE_LABELS)[number], string>;

export interface ProbeMetricsOptions {
  vantage: string;
  /** The registry the metrics are registered in; default a new one. */
  registry?: Registry;
  /** Metric name prefix (default `acr_`). */
  prefix?: string;
}

export class ProbeMetrics {
  readonly registry: Registry;
  readonly vantage: string;
  private readonly ttfb: Histogram<string>;
  private readonly cold: Histogram<string>;
  private readonly probes: Counter<string>;
  private readonly up: Gauge<string>;
  private readonly median: Gauge<string>;
  private readonly last: Gauge<string>;
  private readonly lag: Histogram<string>;
  private engine?: EngineState;
  /** The label set of each host, to remove a host's series when it is no longer probed. */
  private readonly labelsByHost = new Map<string, Labels>();

  constructor(options: ProbeMetricsOptions) {
    this.vantage = options.vantage;
    this.registry = options.registry ?? new Registry();
    const prefix = options.prefix ?? "acr_";
    const registers = [this.registry];
    const labelNames = [...PROBE_LABELS];
    this.ttfb = new Histogram({
      name: `${prefix}probe_ttfb_seconds`,
      help: "Warm TTFB of GET /v2/ (kept-alive connection) of answered probes.",
      labelNames,
      buckets: TTFB_BUCKETS,
      registers,
    });
    this.cold = new Histogram({
      name: `${prefix}probe_cold_phase_seconds`,
      help: "Each phase of probes on a new connection (dns, connect, tls, ttfb, total).",
      labelNames: [...labelNames, "phase"],
      buckets: TTFB_BUCKETS,
      registers,
    });
    this.probes = new Counter({
      name: `${prefix}probes_total`,
      help: "Probes of GET /v2/ by verdict (ok, forbidden, throttled, error, tls, dns, refused, timeout).",
      labelNames: [...labelNames, "verdict"],
      registers,
    });
    this.up = new Gauge({
      name: `${prefix}probe_up`,
      help: "1 when the endpoint's last probe was ok, else 0.",
      labelNames,
      registers,
    });
    this.median = new Gauge({
      name: `${prefix}probe_ttfb_median_seconds`,
      help: "Median warm TTFB over the endpoint's rolling window of recent probes.",
      labelNames,
      registers,
    });
    this.last = new Gauge({
      name: `${prefix}probe_last_timestamp_seconds`,
      help: "Start of the endpoint's last probe (Unix time).",
      labelNames,
      registers,
    });
    this.lag = new Histogram({
      name: `${prefix}probe_schedule_lag_seconds`,
      help: "How late each probe started against its slot (waiting for a timer or a slot in flight).",
      labelNames: ["vantage"],
      buckets: LAG_BUCKETS,
      registers,
    });
    const vantage = this.vantage;
    const engine = () => this.engine;
    const engineGauge = (name: string, help: string, read: (engine: EngineState) => number) =>
      new Gauge({
        name: `${prefix}probe_engine_${name}`,
        help,
        labelNames: ["vantage"],
        registers,
        collect() {
          const state = engine();
          if (state) this.set({ vantage }, read(state));
        },
      });
    engineGauge("endpoints", "Endpoints this process probes now.", (e) => e.activeHosts().length);
    engineGauge("in_flight_limit", "The bound on probes in flight.", (e) => e.load.limit);
    engineGauge("in_flight", "Probes in flight now.", (e) => e.load.inFlight);
    engineGauge("waiting", "Rounds waiting for a slot in flight.", (e) => e.load.waiting);
  }

  /** Reports this hub's state in the engine gauges (read at each scrape). */
  watchEngine(engine: EngineState): void {
    this.engine = engine;
  }

  /** Records one sample of the registry named `registryName`. */
  record(sample: ProbeSample, registryName: string): void {
    const labels = this.recordVerdict(sample, registryName);
    this.lag.observe({ vantage: this.vantage }, Math.max(sample.lagMs, 0) / 1000);
    if (sample.stats.medianMs !== null) this.median.set(labels, sample.stats.medianMs / 1000);
    const ttfb = sample.phases.ttfbMs;
    if (sample.status !== null && ttfb !== null) {
      if (sample.reused) this.ttfb.observe(labels, ttfb / 1000);
      else {
        const phases: Record<(typeof COLD_PHASES)[number], number | null> = {
          dns: sample.phases.dnsMs,
          connect: sample.phases.connectMs,
          tls: sample.phases.tlsMs,
          ttfb,
          total: sample.phases.totalMs,
        };
        for (const phase of COLD_PHASES) {
          const ms = phases[phase];
          if (ms !== null) this.cold.observe({ ...labels, phase }, ms / 1000);
        }
      }
    }
  }

  /**
   * Records the verdict of one probe that carries no latency for the histograms (the fleet
   * sweep's, on a new connection each time): the probe counter, `up` and the last time. Returns
   * the endpoint's labels.
   */
  recordVerdict(
    probe: { host: string; kind: string; region: string | null; verdict: Verdict; at: string },
    registryName: string,
  ): Labels {
    const labels: Labels = {
      registry: registryName.toLowerCase(),
      kind: probe.kind,
      region: probe.region ?? "",
      host: probe.host,
      vantage: this.vantage,
    };
    this.labelsByHost.set(probe.host, labels);
    this.probes.inc({ ...labels, verdict: probe.verdict });
    this.up.set(labels, isAvailable(probe.verdict) ? 1 : 0);
    this.last.set(labels, Date.parse(probe.at) / 1000);
    return labels;
  }

  /** Removes every series of a host that is no longer probed. */
  forget(host: string): void {
    const labels = this.labelsByHost.get(host);
    if (!labels) return;
    this.labelsByHost.delete(host);
    for (const metric of [this.ttfb, this.up, this.median, this.last]) metric.remove(labels);
    for (const verdict of VERDICT_LABELS) this.probes.remove({ ...labels, verdict });
    for (const phase of COLD_PHASES) this.cold.remove({ ...labels, phase });
  }

  /** The text exposition format and its content type. */
  async exposition(): Promise<{ body: string; contentType: string }> {
    return { body: await this.registry.metrics(), contentType: this.registry.contentType };
  }
}

const VERDICT_LABELS = VERDICTS;

/**
 * The registry's name from one of its host names: the first DNS label of the login server
 * (`<name>.azurecr.io`), a regional endpoint (`<name>.<region>.geo.azurecr.io`) or a data
 * endpoint (`<name>.<region>.data.azurecr.io`); registry names hold no dots.
 */
export function registryNameOfHost(host: string): string {
  return host.split(".")[0]!.toLowerCase();
}

/** The registry's name from a hub group (a registry's ARM id, any case). */
export function registryNameOf(group: string): string {
  return group.split("/").filter(Boolean).at(-1)?.toLowerCase() ?? group;
}
