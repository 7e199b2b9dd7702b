import "server-only";
import { logger } from "@/lib/log/logger";
import {
  DEFAULT_MAX_BACKOFF_MS,
  DEFAULT_MAX_RETRY_AFTER_MS,
  throttleDelay,
  type BackoffPolicy,
} from "./backoff";
import { PROBE_TIMEOUT } from "./classify";
import { DEFAULT_TIMEOUT_MS } from "./http-probe";
import { parseRetryAfter } from "./retry-after";
import { Semaphore } from "./semaphore";
import { DEFAULT_PROBE_INTERVAL_MS } from "@/lib/probe/shared/intervals";
import { percentile, sortNumbers } from "@/lib/probe/shared/stats";
import type { ProbeResult, ProbeTarget } from "@/lib/probe/shared/types";

export const MIN_INTERVAL_MS = 250;

/**
 * What one probe costs this process: CPU (TLS, HTTP parsing, statistics, measured at 0.4-0.5 ms
 * on a warm connection) and waiting (the answer's round trip plus the registry's time, ~100 ms
 * across regions). Waiting costs nothing but a socket, so the bound on probes in flight follows
 * from the ratio: at `PROBE_WAIT_MS / PROBE_CPU_MS` probes in flight one core is busy all the
 * time (2,000 probes/s); more slots would only queue work on the CPU, fewer leave it idle while
 * rounds wait for a slot (16 slots cap a hub at 16 / 0.1 s = 160 probes/s).
 */
export const PROBE_CPU_MS = 0.5;
export const PROBE_WAIT_MS = 100;
/** Probes in flight across all endpoints at start: one core's worth (see PROBE_CPU_MS), 200. */
export const DEFAULT_CONCURRENCY = Math.ceil(PROBE_WAIT_MS / PROBE_CPU_MS);
/**
 * Bounds of the adaptive limit: the scheduler measures both figures as it runs (the mean time a
 * probe waits, the process's CPU per probe) and keeps `wait / cpu` probes in flight, within these.
 */
export const MIN_CONCURRENCY = 16;
export const MAX_CONCURRENCY = 2_000;
/** How often the limit follows the measured figures, and the least probes behind a measurement. */
export const ADAPT_EVERY_MS = 1_000;
const ADAPT_MIN_PROBES = 50;
/** Steps whose answer times the base wait is the lowest of: one minute. */
const ADAPT_MEMORY_STEPS = 60;
/**
 * A step in which more than this share of the rounds opened a connection is skipped: the CPU it
 * measures is mostly their handshakes (4-7 times a probe on an open connection), which would
 * lower the bound on probes on open connections for work that is not theirs (thousands of
 * endpoints connecting at once took it from 200 to 24, and connected endpoints waited seconds).
 */
const ADAPT_MAX_OPENING_SHARE = 0.02;
/**
 * Rounds that open a connection (TCP and TLS: 1.2-1.8 ms of this process's CPU each, against
 * 0.3-0.5 ms for a probe on an open connection) have a bound of their own, apart from the bound on
 * probes in flight: many endpoints connecting at once (a restart, a large registry) then neither
 * hold back the rounds of endpoints already connected nor wait behind them. 64 handshakes in
 * flight keep a core busy even when each waits ~100 ms for its round trips.
 */
export const OPENING_CONCURRENCY = 64;
/**
 * Endpoints one process probes at once: at the default 2 s interval, 1,500 probes/s, three
 * quarters of one core's probe capacity (1,000 / PROBE_CPU_MS per second), leaving the rest for
 * the streams that carry the samples and for the console's pages.
 */
export const DEFAULT_MAX_ENDPOINTS = 3_000;

/**
 * Runs one probe. Should end by `timeoutMs` or when the signal aborts (at the same time); the
 * scheduler stops waiting a grace period later.
 */
export type ProbeFn = (
  target: ProbeTarget,
  call: { signal: AbortSignal; timeoutMs: number },
) => Promise<ProbeResult>;

/** A probe result with its place in the schedule. */
export interface ScheduledResult {
  target: ProbeTarget;
  result: ProbeResult;
  /** Monotonic clock (ms) the round was due, and when its probe actually started. */
  scheduledAt: number;
  startedAt: number;
  /**
   * startedAt - scheduledAt: timer delay plus waiting for a concurrency slot. Timers have
   * millisecond granularity, so a round can start a fraction of a millisecond early (negative).
   */
  lagMs: number;
  /** Set when this result was a 429: the wait imposed before the next probe. */
  backoffMs?: number;
}

export interface SchedulerOptions {
  probe: ProbeFn;
  onResult: (result: ScheduledResult) => void;
  /** Default interval of a new endpoint (default 2 s). */
  intervalMs?: number;
  /** A probe not finished by then is a lost `timeout` sample (default 3 s). */
  timeoutMs?: number;
  /**
   * A fixed bound on probes in flight across all endpoints. Default: adaptive, starting at
   * DEFAULT_CONCURRENCY and following the measured wait per probe over the CPU per probe.
   */
  concurrency?: number;
  /** CPU this process has used, in ms (default process.cpuUsage): the adaptive bound's measure. */
  cpuMs?: () => number;
  maxBackoffMs?: number;
  maxRetryAfterMs?: number;
  /** How long after the timeout to wait for a probe that ignores its abort signal (default 1 s). */
  graceMs?: number;
  /** Monotonic clock in ms (default performance.now). */
  now?: () => number;
  /**
   * Whom a round runs for: concurrency slots are shared fairly between these keys (see
   * Semaphore), so one caller's many endpoints cannot hold back another's. Default: one key.
   */
  fairKey?: (target: ProbeTarget) => string;
  /**
   * Whether a round of this endpoint would reuse an open connection. When given, rounds that
   * open one take a slot of the bound on openings (OPENING_CONCURRENCY) instead of the bound on
   * probes in flight. Default: every round takes a slot of the bound on probes in flight.
   */
  connected?: (target: ProbeTarget) => boolean;
}

interface Loop {
  target: ProbeTarget;
  intervalMs: number;
  /** When the next round is due (monotonic ms). */
  nextAt: number;
  timer?: ReturnType<typeof setTimeout>;
  /** A round is between its start and its end, including the wait for a concurrency slot. */
  running: boolean;
  paused: boolean;
  removed: boolean;
  throttleStreak: number;
  /** No round has started yet: the first one sets the grid (see nextSlot). */
  fresh: boolean;
}

/** Returns the interval if it is usable (>= MIN_INTERVAL_MS), throws a RangeError otherwise. */
export function validateInterval(ms: number): number {
  if (!Number.isFinite(ms) || ms < MIN_INTERVAL_MS) {
    throw new RangeError(`interval must be >= ${MIN_INTERVAL_MS} ms, got ${ms}`);
  }
  return ms;
}

/**
 * Probes each endpoint on a steady grid of its interval. A round (wait for a concurrency slot,
 * probe, deliver) of an endpoint never overlaps the next one: when a round overruns, missed slots
 * are skipped and the next round starts as soon as it ends, late, with the lag recorded. A 429
 * pushes the next round back (see backoff.ts).
 */
export class ProbeScheduler {
  private readonly loops = new Map<string, Loop>();
  private readonly semaphore: Semaphore;
  /** Slots of rounds that open a connection (with the `connected` option). */
  private readonly opening = new Semaphore(OPENING_CONCURRENCY);
  private readonly now: () => number;
  private readonly defaultIntervalMs: number;
  private readonly timeoutMs: number;
  private readonly graceMs: number;
  private readonly maxBackoffMs: number;
  private readonly maxRetryAfterMs: number;
  /** The adaptive bound's measurements since its last step, and its timer. */
  private readonly adaptive: boolean;
  private readonly cpuMs: () => number;
  private adaptTimer?: ReturnType<typeof setInterval>;
  private readonly baseWaits: number[] = [];
  /** Rounds on open connections (their count and waits) and rounds that opened one. */
  private period = { probes: 0, openings: 0, waits: [] as number[], cpuAt: 0 };

  constructor(private readonly options: SchedulerOptions) {
    this.semaphore = new Semaphore(options.concurrency ?? DEFAULT_CONCURRENCY);
    this.adaptive = options.concurrency === undefined;
    this.cpuMs =
      options.cpuMs ??
      (() => {
        const { user, system } = process.cpuUsage();
        return (user + system) / 1000;
      });
    this.now = options.now ?? (() => performance.now());
    this.defaultIntervalMs = validateInterval(options.intervalMs ?? DEFAULT_PROBE_INTERVAL_MS);
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.graceMs = options.graceMs ?? 1000;
    this.maxBackoffMs = options.maxBackoffMs ?? DEFAULT_MAX_BACKOFF_MS;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS;
  }

  /** Starts probing an endpoint (no-op if already scheduled), first round after `startInMs`. */
  add(target: ProbeTarget, opts: { intervalMs?: number; startInMs?: number } = {}): void {
    if (this.loops.has(target.host)) return;
    const loop: Loop = {
      target,
      intervalMs: validateInterval(opts.intervalMs ?? this.defaultIntervalMs),
      nextAt: this.now() + Math.max(0, opts.startInMs ?? 0),
      running: false,
      paused: false,
      removed: false,
      throttleStreak: 0,
      fresh: true,
    };
    this.loops.set(target.host, loop);
    this.startAdapting();
    this.arm(loop);
  }

  /** Stops an endpoint's loop; a probe in flight finishes but its result is dropped. */
  remove(host: string): void {
    const loop = this.loops.get(host);
    if (!loop) return;
    loop.removed = true;
    clearTimeout(loop.timer);
    this.loops.delete(host);
  }

  has(host: string): boolean {
    return this.loops.has(host);
  }

  intervalOf(host: string): number | undefined {
    return this.loops.get(host)?.intervalMs;
  }

  /** Changes the interval; the next round is re-planned from the last one's slot. */
  setInterval(host: string, intervalMs: number): void {
    const loop = this.loops.get(host);
    if (!loop) return;
    const previous = loop.intervalMs;
    loop.intervalMs = validateInterval(intervalMs);
    if (loop.timer !== undefined && loop.throttleStreak === 0) {
      loop.nextAt = Math.max(this.now(), loop.nextAt - previous + loop.intervalMs);
      this.arm(loop);
    }
  }

  /** Holds an endpoint: no new rounds; a round in flight still delivers. */
  pause(host: string): void {
    const loop = this.loops.get(host);
    if (!loop || loop.paused) return;
    loop.paused = true;
    clearTimeout(loop.timer);
    loop.timer = undefined;
  }

  /** Resumes a held endpoint with a round right away (or when its round in flight ends). */
  resume(host: string): void {
    const loop = this.loops.get(host);
    if (!loop || !loop.paused) return;
    loop.paused = false;
    if (loop.running) return; // the round in flight plans the next one when it ends
    loop.nextAt = this.now();
    this.arm(loop);
  }

  isPaused(host: string): boolean {
    return this.loops.get(host)?.paused ?? false;
  }

  /** Stops every loop. */
  stop(): void {
    for (const host of [...this.loops.keys()]) this.remove(host);
    clearInterval(this.adaptTimer);
    this.adaptTimer = undefined;
  }

  /**
   * One step of the adaptive bound: with enough probes since the last step, the limit becomes
   * (the time a probe waits for its answer) / (this process's CPU per probe), the number of
   * probes in flight that keeps the CPU busy without queueing work on it: more when answers come
   * from far away, fewer when the process has other work (the CPU measure is the whole
   * process's, so a console busy with pages and streams probes with fewer slots). The wait is
   * the answer's own time: the lowest 10th percentile of the steps of the last minute. Waits
   * longer than that are queueing somewhere (a saturated registry, this machine), which more
   * probes in flight would only lengthen, so they never raise the limit. Only rounds on open
   * connections count (rounds that open one have their own bound), and a step with more than
   * `ADAPT_MAX_OPENING_SHARE` of openings leaves the limit as it is.
   */
  adapt(): void {
    const cpuAt = this.cpuMs();
    const { probes, openings, waits } = this.period;
    if (openings > probes * ADAPT_MAX_OPENING_SHARE) {
      this.period = { probes: 0, openings: 0, waits: [], cpuAt };
      return;
    }
    if (probes < ADAPT_MIN_PROBES) return;
    const cpuPerProbe = Math.max((cpuAt - this.period.cpuAt) / probes, 0.01);
    const wait = percentile(sortNumbers(waits), 0.1);
    if (wait !== null) {
      this.baseWaits.push(wait);
      if (this.baseWaits.length > ADAPT_MEMORY_STEPS) this.baseWaits.shift();
    }
    const baseWait = this.baseWaits.length ? Math.min(...this.baseWaits) : PROBE_WAIT_MS;
    const limit = Math.round(baseWait / cpuPerProbe);
    this.semaphore.setLimit(Math.min(Math.max(limit, MIN_CONCURRENCY), MAX_CONCURRENCY));
    this.period = { probes: 0, openings: 0, waits: [], cpuAt };
  }

  private startAdapting(): void {
    if (!this.adaptive || this.adaptTimer !== undefined) return;
    this.period = { probes: 0, openings: 0, waits: [], cpuAt: this.cpuMs() };
    this.adaptTimer = setInterval(() => this.adapt(), ADAPT_EVERY_MS);
    this.adaptTimer.unref?.();
  }

  get size(): number {
    return this.loops.size;
  }

  /**
   * The bound on probes in flight, and how many rounds are in flight or waiting for a slot now
   * (those opening a connection included).
   */
  get load(): { limit: number; inFlight: number; waiting: number } {
    return {
      limit: this.semaphore.limit,
      inFlight: this.semaphore.inUse + this.opening.inUse,
      waiting: this.semaphore.queued + this.opening.queued,
    };
  }

  private arm(loop: Loop): void {
    clearTimeout(loop.timer);
    loop.timer = undefined;
    const delay = loop.nextAt - this.now();
    // Node stretches a 0 ms timer to 1 ms: a round that is already due starts right away.
    if (delay <= 0) queueMicrotask(() => void this.round(loop));
    else loop.timer = setTimeout(() => void this.round(loop), delay);
  }

  private async round(loop: Loop): Promise<void> {
    loop.timer = undefined;
    if (loop.removed || loop.paused || loop.running) return;
    loop.running = true;
    const scheduledAt = loop.nextAt;
    const opens = this.options.connected ? !this.options.connected(loop.target) : false;
    const release = await (opens ? this.opening : this.semaphore).acquire(
      this.options.fairKey?.(loop.target) ?? "",
    );
    if (loop.removed || loop.paused) {
      release();
      loop.running = false;
      return;
    }
    const startedAt = this.now();
    const first = loop.fresh;
    loop.fresh = false;
    let result: ProbeResult;
    try {
      result = await this.probeWithTimeout(loop.target);
    } finally {
      release();
    }
    const finishedAt = this.now();
    loop.running = false;
    if (opens) {
      this.period.openings++;
    } else {
      this.period.probes++;
      if (this.adaptive && result.status !== null) this.period.waits.push(finishedAt - startedAt);
    }
    if (loop.removed) return;

    let backoffMs: number | undefined;
    if (result.verdict === "throttled") {
      loop.throttleStreak++;
      backoffMs = throttleDelay(
        loop.throttleStreak,
        parseRetryAfter(result.retryAfter, Date.now()),
        this.policy(loop),
      );
    } else {
      loop.throttleStreak = 0;
    }
    const delivered: ScheduledResult = {
      target: loop.target,
      result,
      scheduledAt,
      startedAt,
      lagMs: startedAt - scheduledAt,
    };
    if (backoffMs !== undefined) delivered.backoffMs = backoffMs;
    try {
      this.options.onResult(delivered);
    } catch (error) {
      logger().error(
        { event: "probe-listener", error: error instanceof Error ? error.message : String(error) },
        "probe result listener failed",
      );
    }
    if (loop.removed || loop.paused) return;
    // The grid of an endpoint runs from its first round's start: a first round that waited (many
    // endpoints opening connections at once) moves the endpoint's later rounds with it.
    loop.nextAt = this.nextSlot(loop, first ? startedAt : scheduledAt, finishedAt, backoffMs);
    this.arm(loop);
  }

  /** The next slot on the grid; after an overrun, the latest missed slot (run late, no burst). */
  private nextSlot(loop: Loop, scheduledAt: number, finishedAt: number, backoffMs?: number) {
    let next = scheduledAt + loop.intervalMs;
    if (next < finishedAt) {
      next =
        scheduledAt + Math.floor((finishedAt - scheduledAt) / loop.intervalMs) * loop.intervalMs;
    }
    return backoffMs === undefined ? next : Math.max(next, finishedAt + backoffMs);
  }

  private policy(loop: Loop): BackoffPolicy {
    return {
      intervalMs: loop.intervalMs,
      maxBackoffMs: this.maxBackoffMs,
      maxRetryAfterMs: this.maxRetryAfterMs,
    };
  }

  /**
   * Runs one probe, ended at the timeout: its signal aborts then, and a probe that ignores it is
   * given up `graceMs` later. The signal is made only if the probe reads it (an AbortSignal is
   * about 1 KB that lives as long as the probe, a tenth of the garbage of a probe at scale).
   */
  private probeWithTimeout(target: ProbeTarget): Promise<ProbeResult> {
    const at = Date.now();
    const startedAt = this.now();
    let controller: AbortController | undefined;
    const lost = (error: string, verdict: "timeout" | "error"): ProbeResult => ({
      at: new Date(at).toISOString(),
      verdict,
      status: null,
      reused: false,
      remoteAddress: null,
      error,
      phases: {
        dnsMs: null,
        connectMs: null,
        tlsMs: null,
        sendMs: null,
        ttfbMs: null,
        totalMs: this.now() - startedAt,
      },
    });
    return new Promise<ProbeResult>((resolve) => {
      let settled = false;
      const settle = (result: ProbeResult) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(result);
      };
      let timer = setTimeout(() => {
        const reason = new Error("probe timed out");
        reason.name = "TimeoutError";
        controller?.abort(reason);
        // A probe that honours the signal answers with its own (more detailed) timeout sample.
        timer = setTimeout(() => settle(lost(PROBE_TIMEOUT, "timeout")), this.graceMs);
      }, this.timeoutMs);
      const call = {
        timeoutMs: this.timeoutMs,
        get signal() {
          controller ??= new AbortController();
          return controller.signal;
        },
      };
      this.options.probe(target, call).then(settle, (error: unknown) => {
        settle(lost(error instanceof Error ? error.message : String(error), "error"));
      });
    });
  }
}
