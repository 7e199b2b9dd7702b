import type { ProbeSample, ProbeTarget } from "@/lib/probe/shared/types";
import type { TargetsEvent } from "@/lib/probe/shared/events";
import { TtfbSeries } from "./series";
import type { StreamState } from "./stream";

/** What the page knows of one endpoint during a run. */
export interface EndpointState {
  target: ProbeTarget;
  last?: ProbeSample;
  /** Last sample on a new connection (DNS, connect and TLS included). */
  lastCold?: ProbeSample;
  /** Last sample on a kept-alive connection. */
  lastWarm?: ProbeSample;
  /** Samples received for this endpoint in this run. */
  received: number;
}

export interface ProbeRunOptions {
  /** Keep every sample of the run (up to this many, oldest dropped first and counted); 0 = none. */
  keepSamples?: number;
  /** History of the chart. */
  chartWindowMs?: number;
}

/**
 * One viewer's run of the probe stream: the targets, the latest state per endpoint, the chart
 * series and (for the pinned view) every sample. Lives outside React so the stream can append
 * at any rate; views subscribe and redraw at their own pace.
 */
export class ProbeRun {
  meta?: TargetsEvent;
  /** Id of the last sample received: where a new connection resumes. */
  cursor?: string;
  state: StreamState = { state: "closed" };
  readonly endpoints = new Map<string, EndpointState>();
  readonly samples: ProbeSample[] = [];
  /** Samples dropped from `samples` because the run outgrew `keepSamples`. */
  dropped = 0;
  series = new TtfbSeries([]);
  private readonly keepSamples: number;
  private readonly chartWindowMs: number;
  private readonly lastSeq = new Map<string, number>();
  /** The server hub's epoch of the cursor: sequence numbers restart when it changes. */
  private epoch?: string;
  private readonly listeners = new Set<() => void>();
  /**
   * Server time of the last targets event that changed the targets in the middle of a connection:
   * the server's re-read of ARM found other endpoints than the page may show.
   */
  armChangedAt?: string;
  /** Changes with every update: a cheap snapshot for React's useSyncExternalStore. */
  version = 0;

  constructor(options: ProbeRunOptions = {}) {
    this.keepSamples = options.keepSamples ?? 0;
    this.chartWindowMs = options.chartWindowMs ?? 5 * 60_000;
  }

  /**
   * The stream's targets event: (re)builds the endpoint list and the chart's series. `update`
   * marks one sent in the middle of a connection (see `armChangedAt`).
   */
  setTargets(meta: TargetsEvent, info: { update: boolean } = { update: false }): void {
    const hosts = meta.targets.map((t) => t.host);
    const changed = hosts.join(" ") !== this.series.hosts.join(" ");
    if (info.update && changed) this.armChangedAt = meta.at;
    this.meta = meta;
    for (const target of meta.targets) {
      const existing = this.endpoints.get(target.host);
      if (existing) existing.target = target;
      else this.endpoints.set(target.host, { target, received: 0 });
    }
    for (const host of [...this.endpoints.keys()]) {
      if (!hosts.includes(host)) this.endpoints.delete(host);
    }
    if (changed) {
      const previous = this.series;
      this.series = new TtfbSeries(hosts, this.chartWindowMs);
      // Keep the history of endpoints that stay.
      previous.xs.forEach((x, i) => {
        previous.hosts.forEach((host, s) => {
          const y = previous.ys[s]?.[i];
          if (y !== undefined) this.series.add(host, x * 1000, y);
        });
      });
    }
    this.changed();
  }

  /** A sample from the stream; returns false for one already received (a replay overlap). */
  addSample(sample: ProbeSample, eventId?: string): boolean {
    if (eventId) {
      const epoch = eventId.split(":")[0];
      if (epoch !== this.epoch) {
        this.epoch = epoch;
        this.lastSeq.clear();
      }
      this.cursor = eventId;
    }
    if (sample.seq <= (this.lastSeq.get(sample.host) ?? -1)) return false;
    this.lastSeq.set(sample.host, sample.seq);
    const endpoint = this.endpoints.get(sample.host);
    if (endpoint) {
      endpoint.last = sample;
      endpoint.received++;
      if (sample.status !== null) {
        if (sample.reused) endpoint.lastWarm = sample;
        else endpoint.lastCold = sample;
      }
    }
    this.series.add(sample.host, Date.parse(sample.at), sample.phases.ttfbMs);
    if (this.keepSamples > 0) {
      this.samples.push(sample);
      if (this.samples.length > this.keepSamples) {
        this.samples.shift();
        this.dropped++;
      }
    }
    this.changed();
    return true;
  }

  setState(state: StreamState): void {
    this.state = state;
    this.changed();
  }

  /** Calls `listener` after every change (synchronously: batch on the listener's side). */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed() {
    this.version++;
    for (const listener of [...this.listeners]) listener();
  }
}
