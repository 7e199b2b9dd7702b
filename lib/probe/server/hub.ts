import "server-only";
import { logger } from "@/lib/log/logger";
import { ApiError } from "@/lib/errors";
import { DEFAULT_PROBE_INTERVAL_MS } from "@/lib/probe/shared/intervals";
import { DEFAULT_WINDOW, roundMs } from "@/lib/probe/shared/stats";
import type { ProbeSample, ProbeTarget } from "@/lib/probe/shared/types";
import { FairShares } from "./fair-shares";
import { HttpProber, type HttpProberOptions } from "./http-probe";
import { SampleRing } from "./sample-store";
import {
  DEFAULT_MAX_ENDPOINTS,
  ProbeScheduler,
  validateInterval,
  type ProbeFn,
  type ScheduledResult,
} from "./scheduler";

export type SampleListener = (sample: ProbeSample) => void;
/** Sees every sample the hub records, with its endpoint's group (metrics, history). */
export type SampleObserver = (sample: ProbeSample, group: string) => void;

export interface ProbeHubOptions extends HttpProberOptions {
  /** The probe to run; default an HttpProber built from the connectTo/ca/timeout options. */
  probe?: ProbeFn;
  /** Default interval of a new registry (default 2 s). */
  intervalMs?: number;
  /** A fixed bound on probes in flight (default adaptive, see scheduler.ts). */
  concurrency?: number;
  /** The process's CPU clock in ms, for the adaptive bound (default process.cpuUsage). */
  cpuMs?: () => number;
  /**
   * Endpoints probed at once (subscribed or lingering), default `DEFAULT_MAX_ENDPOINTS`: a
   * subscription that would pass it is refused (`ProbeCapacityReached`), nothing is half-added.
   */
  maxEndpoints?: number;
  /** Samples per endpoint behind the statistics (default 30). */
  windowSize?: number;
  /** Samples kept per endpoint for late subscribers and stream resume (default 150). */
  historySize?: number;
  /** How long an endpoint keeps being probed after its last subscriber left (default 30 s). */
  lingerMs?: number;
  maxBackoffMs?: number;
  maxRetryAfterMs?: number;
  now?: () => number;
}

export interface SubscribeOptions {
  /**
   * Replay kept samples before live ones: `"recent"` (default) every kept sample, a number the
   * kept samples after that `seq` (stream resume), `"none"` nothing. The replay is delivered
   * synchronously, before `subscribe` returns.
   */
  replay?: "recent" | "none" | number;
  /**
   * Who the samples are for (the caller's identity). Probe slots are shared fairly between
   * owners: an endpoint's rounds count for the owner among its viewers that watches the fewest
   * endpoints, so a light viewer is never queued behind a heavy one's backlog.
   */
  owner?: string;
}

interface Endpoint {
  target: ProbeTarget;
  group: string;
  listeners: Set<SampleListener>;
  /** Viewers' owners and how many of their listeners are on this endpoint. */
  owners: Map<string, number>;
  /** Kept samples (timings and verdicts; statistics are recomputed from them). */
  samples: SampleRing;
  lingerTimer?: ReturnType<typeof setTimeout>;
}

interface Group {
  intervalMs: number;
  paused: boolean;
}

export const DEFAULT_LINGER_MS = 30_000;
export const DEFAULT_HISTORY = 150;
/** Seconds a refused subscriber should wait: loops of closed views linger `DEFAULT_LINGER_MS`. */
export const CAPACITY_RETRY_AFTER_S = 30;

/**
 * The probe loops of a server process, shared by every viewer: one loop per endpoint host,
 * started by the first subscriber and stopped `lingerMs` after the last one leaves (so a reload or
 * a reconnecting stream does not restart the statistics). Endpoints belong to a group, normally
 * the registry's ARM id, which carries the interval and the paused state for all its viewers.
 */
export class ProbeHub {
  private readonly endpoints = new Map<string, Endpoint>();
  private readonly groups = new Map<string, Group>();
  /** The fair share of probe slots between viewers' owners. */
  private readonly shares = new FairShares();
  private readonly scheduler: ProbeScheduler;
  private readonly prober?: HttpProber;
  private readonly windowSize: number;
  private readonly historySize: number;
  private readonly lingerMs: number;
  private maxEndpoints: number;
  private readonly defaultIntervalMs: number;
  private seq = 0;
  /** The scheduler's clock (monotonic ms). */
  private readonly now: () => number;
  private readonly observers = new Set<SampleObserver>();

  constructor(options: ProbeHubOptions = {}) {
    let probe = options.probe;
    let connected: ((target: ProbeTarget) => boolean) | undefined;
    if (!probe) {
      const prober = new HttpProber(options);
      this.prober = prober;
      // The prober ends a probe at its own deadline (the same timeout): it needs no signal.
      probe = (target, call) => prober.probe(target.host, { timeoutMs: call.timeoutMs });
      connected = (target) => prober.connected(target.host);
    }
    this.scheduler = new ProbeScheduler({
      probe,
      onResult: (r) => this.record(r),
      intervalMs: options.intervalMs,
      timeoutMs: options.timeoutMs,
      concurrency: options.concurrency,
      cpuMs: options.cpuMs,
      maxBackoffMs: options.maxBackoffMs,
      maxRetryAfterMs: options.maxRetryAfterMs,
      now: options.now,
      fairKey: (target) => this.shares.keyOf(this.endpoints.get(target.host)?.owners),
      connected,
    });
    this.now = options.now ?? (() => performance.now());
    this.defaultIntervalMs = validateInterval(options.intervalMs ?? DEFAULT_PROBE_INTERVAL_MS);
    this.windowSize = options.windowSize ?? DEFAULT_WINDOW;
    this.historySize = Math.max(options.historySize ?? DEFAULT_HISTORY, 1);
    this.lingerMs = options.lingerMs ?? DEFAULT_LINGER_MS;
    this.maxEndpoints = options.maxEndpoints ?? DEFAULT_MAX_ENDPOINTS;
  }

  /**
   * Delivers the samples of `targets` (the endpoints of one registry, from ARM) to `listener`
   * until the returned function is called. `group` (the registry id) ties the endpoints to one
   * interval and pause state. Endpoints not yet probed start with their first rounds spread
   * evenly over one interval, so a large registry does not open a connection to every host in
   * the same instant, yet every endpoint has its first sample within one interval. Throws a 429
   * `ApiError` (`ProbeCapacityReached`) when the new endpoints would take the hub past
   * `maxEndpoints`; nothing is subscribed then.
   */
  subscribe(
    group: string,
    targets: readonly ProbeTarget[],
    listener: SampleListener,
    options: SubscribeOptions = {},
  ): () => void {
    const groupState = this.groupFor(group);
    const unique = [...new Map(targets.map((t) => [t.host, t])).values()];
    const fresh = unique.filter((t) => !this.endpoints.has(t.host));
    // Only new endpoints are checked: watching what is probed never passes the cap.
    if (fresh.length > 0 && this.endpoints.size + fresh.length > this.maxEndpoints) {
      throw ApiError.limited(
        "console",
        "ProbeCapacityReached",
        `The console probes ${this.endpoints.size} endpoints and may probe at most ${this.maxEndpoints} at once; these ${fresh.length} more would pass that. Try again when other probe views have closed.`,
        CAPACITY_RETRY_AFTER_S,
      );
    }
    const spacing = this.firstRoundSpacing(fresh.length, groupState);
    // First rounds are placed from this call's start: adding thousands of endpoints takes a
    // while (170 ms for 3,000), which must not push the last ones past the first interval.
    const began = this.now();
    const joined: Endpoint[] = [];
    let nth = 0;
    for (const target of unique) {
      let endpoint = this.endpoints.get(target.host);
      if (!endpoint) {
        endpoint = {
          target,
          group,
          listeners: new Set(),
          owners: new Map(),
          samples: new SampleRing(target, this.historySize, this.windowSize),
        };
        this.endpoints.set(target.host, endpoint);
        const startInMs = nth++ * spacing - (this.now() - began);
        this.scheduler.add(target, { intervalMs: groupState.intervalMs, startInMs });
        if (groupState.paused) this.scheduler.pause(target.host);
      }
      clearTimeout(endpoint.lingerTimer);
      endpoint.lingerTimer = undefined;
      endpoint.listeners.add(listener);
      if (options.owner !== undefined) this.shares.add(endpoint.owners, options.owner);
      joined.push(endpoint);
    }
    this.replay(joined, listener, options.replay ?? "recent");
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      for (const endpoint of joined) {
        if (options.owner !== undefined) this.shares.remove(endpoint.owners, options.owner);
        this.leave(endpoint, listener);
      }
    };
  }

  /**
   * Calls `observer` with every sample recorded from now on, of every endpoint, until the
   * returned function is called. Observers do not keep an endpoint probed (subscribers do).
   */
  observe(observer: SampleObserver): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  /** Kept samples of these hosts with `seq` above `afterSeq`, oldest first. */
  recent(hosts: readonly string[], afterSeq = 0): ProbeSample[] {
    const samples: ProbeSample[] = [];
    for (const host of new Set(hosts)) {
      const ring = this.endpoints.get(host)?.samples;
      if (ring) samples.push(...ring.after(afterSeq));
    }
    return samples.sort((a, b) => a.seq - b.seq);
  }

  /** The newest kept sample of a host (none when it is not probed or has no sample yet). */
  latest(host: string): ProbeSample | undefined {
    return this.endpoints.get(host)?.samples.latest();
  }

  /** Changes the interval of every endpoint of a group, for all its viewers. */
  setInterval(group: string, intervalMs: number): void {
    validateInterval(intervalMs);
    const state = this.groupFor(group);
    for (const endpoint of this.endpoints.values()) {
      if (endpoint.group === group) this.scheduler.setInterval(endpoint.target.host, intervalMs);
    }
    state.intervalMs = intervalMs;
  }

  intervalOf(group: string): number {
    return this.groupFor(group).intervalMs;
  }

  /** Holds probing of a group for all its viewers (subscriptions stay open). */
  pause(group: string): void {
    this.groupFor(group).paused = true;
    for (const endpoint of this.endpoints.values()) {
      if (endpoint.group === group) this.scheduler.pause(endpoint.target.host);
    }
  }

  resume(group: string): void {
    this.groupFor(group).paused = false;
    for (const endpoint of this.endpoints.values()) {
      if (endpoint.group === group) this.scheduler.resume(endpoint.target.host);
    }
  }

  isPaused(group: string): boolean {
    return this.groups.get(group)?.paused ?? false;
  }

  /** Endpoints the hub may probe at once (the refusal threshold of `subscribe`). */
  get capacity(): number {
    return this.maxEndpoints;
  }

  /**
   * A new refusal threshold (the configuration changed): endpoints already probed keep being
   * probed; only new ones are checked against it.
   */
  set capacity(endpoints: number) {
    this.maxEndpoints = endpoints;
  }

  /** The bound on probes in flight now, and how many are in flight or waiting for a slot. */
  get load(): { limit: number; inFlight: number; waiting: number } {
    return this.scheduler.load;
  }

  /** Hosts being probed now (subscribed or lingering). */
  activeHosts(): string[] {
    return [...this.endpoints.keys()];
  }

  /** Stops every loop and closes kept-alive connections. */
  close(): void {
    for (const endpoint of this.endpoints.values()) clearTimeout(endpoint.lingerTimer);
    this.endpoints.clear();
    this.groups.clear();
    this.shares.clear();
    this.scheduler.stop();
    this.prober?.close();
  }

  /**
   * Gap between the first rounds of endpoints that start together: spread evenly over one
   * interval. A first round opens a connection (TCP + TLS, the costly part of a probe), so they
   * are not started in one burst; but a floor on the gap would push the last first rounds of a
   * large subscription past the interval (at 1,000 endpoints and 25 ms, 25 s), and every sample
   * expected after the first interval would not be taken.
   */
  private firstRoundSpacing(count: number, group: Group): number {
    return count > 0 ? group.intervalMs / count : 0;
  }

  private groupFor(group: string): Group {
    let state = this.groups.get(group);
    if (!state) {
      state = { intervalMs: this.defaultIntervalMs, paused: false };
      this.groups.set(group, state);
    }
    return state;
  }

  private leave(endpoint: Endpoint, listener: SampleListener): void {
    endpoint.listeners.delete(listener);
    if (endpoint.listeners.size > 0 || this.endpoints.get(endpoint.target.host) !== endpoint)
      return;
    endpoint.lingerTimer = setTimeout(() => this.stopEndpoint(endpoint), this.lingerMs);
  }

  private stopEndpoint(endpoint: Endpoint): void {
    const host = endpoint.target.host;
    if (this.endpoints.get(host) !== endpoint || endpoint.listeners.size > 0) return;
    this.endpoints.delete(host);
    this.scheduler.remove(host);
    this.prober?.forget(host);
    const groupInUse = [...this.endpoints.values()].some((e) => e.group === endpoint.group);
    if (!groupInUse) this.groups.delete(endpoint.group);
  }

  private replay(joined: Endpoint[], listener: SampleListener, replay: SubscribeOptions["replay"]) {
    if (replay === "none") return;
    const after = typeof replay === "number" ? replay : 0;
    for (const sample of this.recent(
      joined.map((e) => e.target.host),
      after,
    )) {
      this.deliver(listener, sample);
    }
  }

  private record(r: ScheduledResult): void {
    const endpoint = this.endpoints.get(r.target.host);
    if (!endpoint) return;
    const sample = endpoint.samples.push(r.result, {
      seq: ++this.seq,
      lagMs: roundMs(r.lagMs),
      ...(r.backoffMs !== undefined ? { backoffMs: r.backoffMs } : {}),
    });
    for (const listener of [...endpoint.listeners]) this.deliver(listener, sample);
    for (const observer of this.observers) this.deliver((s) => observer(s, endpoint.group), sample);
  }

  private deliver(listener: SampleListener, sample: ProbeSample): void {
    try {
      listener(sample);
    } catch (error) {
      logger().error(
        { event: "probe-listener", error: error instanceof Error ? error.message : String(error) },
        "probe sample listener failed",
      );
    }
  }
}
