import "server-only";
import { logger } from "@/lib/log/logger";
import type { EndpointHealth } from "@/lib/fleet/shared/types";
import {
  BASELINE_MIN_SAMPLES,
  BASELINE_SAMPLES,
  isSlow,
  medianOf,
} from "@/lib/fleet/shared/health";
import type { ProbeResult, ProbeTarget } from "@/lib/probe/shared/types";
import { Semaphore } from "../semaphore";

/** How often the sweep probes every endpoint of the fleet unless configured otherwise. */
export const DEFAULT_SWEEP_INTERVAL_MS = 60_000;
/** Probes in flight at once. */
export const DEFAULT_SWEEP_CONCURRENCY = 64;
/** A viewer's endpoints stay in the sweep this long after its last reading or stream renewal. */
export const DEFAULT_LEASE_MS = 10 * 60_000;
/** Results are handed to listeners in batches this often during a round. */
const BATCH_MS = 500;

export type SweepProbe = (target: ProbeTarget, signal: AbortSignal) => Promise<ProbeResult>;

export interface FleetSweepOptions {
  probe: SweepProbe;
  intervalMs?: number;
  concurrency?: number;
  /** Per-probe limit; a probe still running then is aborted (its prober reports `timeout`). */
  timeoutMs?: number;
  leaseMs?: number;
  now?: () => number;
  /** False: rounds run only through `runRound` (tests, benchmarks). Default true. */
  autoStart?: boolean;
}

export type SweepListener = (health: EndpointHealth[], lastRoundAt: string | null) => void;

interface Tracked {
  health?: EndpointHealth;
  /** TTFB of recent ok probes, the baseline's samples. */
  okTtfb: number[];
  /** The condition `since` belongs to: verdict, or "slow". */
  condition?: string;
}

/**
 * The fleet sweep: every endpoint any current viewer's fleet holds (targets from Resource Graph or
 * ARM data only) is probed once per interval with bounded concurrency, and what it last saw is
 * kept for every viewer, the next one included. Viewers register their endpoints with `lease`;
 * an endpoint leaves the sweep when no lease holds it any more, and the loop stops when no lease
 * is left. Listeners get results in batches as they come.
 */
export class FleetSweep {
  readonly intervalMs: number;
  private readonly concurrency: number;
  private readonly timeoutMs: number;
  private readonly leaseMs: number;
  private readonly now: () => number;
  private readonly leases = new Map<string, { targets: ProbeTarget[]; until: number }>();
  private readonly tracked = new Map<string, Tracked>();
  private readonly listeners = new Set<SweepListener>();
  private timer?: ReturnType<typeof setTimeout>;
  private running = false;
  private stopped = false;
  private lastRound: string | null = null;
  private rounds = 0;

  constructor(private readonly options: FleetSweepOptions) {
    this.intervalMs = options.intervalMs ?? DEFAULT_SWEEP_INTERVAL_MS;
    this.concurrency = options.concurrency ?? DEFAULT_SWEEP_CONCURRENCY;
    this.timeoutMs = options.timeoutMs ?? 5_000;
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.now = options.now ?? Date.now;
  }

  /** Registers (or renews) a viewer's endpoints; starts the loop when it is idle. */
  lease(key: string, targets: readonly ProbeTarget[]): void {
    this.leases.set(key, { targets: [...targets], until: this.now() + this.leaseMs });
    if (this.options.autoStart === false) return;
    if (!this.running && !this.timer && !this.stopped) this.schedule(0);
  }

  /** What the sweep last saw of these hosts (those it has probed). */
  healthFor(hosts: Iterable<string>): EndpointHealth[] {
    const out: EndpointHealth[] = [];
    for (const host of hosts) {
      const h = this.tracked.get(host.toLowerCase())?.health;
      if (h) out.push(h);
    }
    return out;
  }

  get lastRoundAt(): string | null {
    return this.lastRound;
  }

  /** Complete rounds since the sweep was made. */
  get completedRounds(): number {
    return this.rounds;
  }

  subscribe(listener: SweepListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The endpoints of every live lease, once each. */
  targets(): ProbeTarget[] {
    const now = this.now();
    const byHost = new Map<string, ProbeTarget>();
    for (const [key, lease] of this.leases) {
      if (lease.until < now) {
        this.leases.delete(key);
        continue;
      }
      for (const t of lease.targets) byHost.set(t.host.toLowerCase(), t);
    }
    return [...byHost.values()];
  }

  /** Runs one round now (benchmarks, tests); resolves when every endpoint has been probed. */
  async runRound(): Promise<void> {
    const targets = this.targets();
    for (const host of this.tracked.keys()) {
      if (!targets.some((t) => t.host === host)) this.tracked.delete(host);
    }
    const gate = new Semaphore(this.concurrency);
    let batch: EndpointHealth[] = [];
    const flush = () => {
      if (batch.length === 0) return;
      const out = batch;
      batch = [];
      for (const listener of this.listeners) listener(out, this.lastRound);
    };
    const flusher = setInterval(flush, BATCH_MS);
    try {
      await Promise.all(
        targets.map(async (target) => {
          const release = await gate.acquire();
          try {
            if (this.stopped) return;
            const signal = AbortSignal.timeout(this.timeoutMs);
            const result = await this.options.probe(target, signal);
            batch.push(this.record(target, result));
          } finally {
            release();
          }
        }),
      );
    } finally {
      clearInterval(flusher);
    }
    this.rounds++;
    this.lastRound = new Date(this.now()).toISOString();
    flush();
    for (const listener of this.listeners) listener([], this.lastRound);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.loop();
    }, delayMs);
    this.timer.unref?.();
  }

  private async loop(): Promise<void> {
    if (this.running || this.stopped) return;
    if (this.targets().length === 0) return; // idle until the next lease
    this.running = true;
    const started = this.now();
    try {
      await this.runRound();
    } catch (error) {
      logger().error(
        { event: "fleet-sweep", error: error instanceof Error ? error.message : String(error) },
        "fleet sweep round failed",
      );
    } finally {
      this.running = false;
    }
    if (!this.stopped) this.schedule(Math.max(0, started + this.intervalMs - this.now()));
  }

  private record(target: ProbeTarget, result: ProbeResult): EndpointHealth {
    const host = target.host.toLowerCase();
    let tracked = this.tracked.get(host);
    if (!tracked) {
      tracked = { okTtfb: [] };
      this.tracked.set(host, tracked);
    }
    const ttfb = result.phases.ttfbMs;
    const baseline =
      tracked.okTtfb.length >= BASELINE_MIN_SAMPLES ? medianOf(tracked.okTtfb) : null;
    const slow = result.verdict === "ok" && isSlow(ttfb, baseline);
    if (result.verdict === "ok" && ttfb !== null) {
      tracked.okTtfb.push(ttfb);
      if (tracked.okTtfb.length > BASELINE_SAMPLES) tracked.okTtfb.shift();
    }
    const condition = slow ? "slow" : result.verdict;
    const since =
      tracked.condition === condition && tracked.health ? tracked.health.since : result.at;
    tracked.condition = condition;
    const health: EndpointHealth = {
      host,
      kind: target.kind,
      region: target.region,
      verdict: result.verdict,
      status: result.status,
      at: result.at,
      ttfbMs: ttfb === null ? null : Math.round(ttfb * 10) / 10,
      baselineMs: baseline === null ? null : Math.round(baseline * 10) / 10,
      slow,
      since,
      ...(result.error ? { error: result.error } : {}),
    };
    tracked.health = health;
    return health;
  }
}
