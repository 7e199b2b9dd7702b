import "server-only";
import { availabilityPct, isAvailable } from "@/lib/probe/shared/availability";
import { TTFB_BUCKETS_MS } from "@/lib/probe/shared/buckets";
import type { ProbeSample, ProbeTarget } from "@/lib/probe/shared/types";
import { histogramQuantile } from "@/lib/vantages/shared/quantile";
import type { HistoryPoint, ProbeCounts } from "@/lib/vantages/shared/types";

/** Slots per bucket: total probes, ok probes, then the TTFB histogram (one count per bound + Inf). */
const HIST = TTFB_BUCKETS_MS.length + 1;
const WIDTH = 2 + HIST;

/** A ring of fixed-width time buckets of one series: `slots` buckets of `bucketSeconds`. */
class Ring {
  /** The bucket index (Unix seconds / bucketSeconds) each slot holds, -1 when empty. */
  private readonly index: Int32Array;
  private readonly data: Uint16Array;

  constructor(
    readonly bucketSeconds: number,
    readonly slots: number,
  ) {
    this.index = new Int32Array(slots).fill(-1);
    this.data = new Uint16Array(slots * WIDTH);
  }

  add(atSeconds: number, ok: boolean, ttfbMs: number | null): void {
    const bucket = Math.floor(atSeconds / this.bucketSeconds);
    const slot = bucket % this.slots;
    const base = slot * WIDTH;
    if (this.index[slot] !== bucket) {
      this.index[slot] = bucket;
      this.data.fill(0, base, base + WIDTH);
    }
    const d = this.data;
    if (d[base]! === 0xffff) return; // saturated: one bucket cannot hold more probes
    d[base]! += 1;
    if (ok) d[base + 1]! += 1;
    if (ttfbMs !== null) {
      let i = 0;
      while (i < TTFB_BUCKETS_MS.length && ttfbMs > TTFB_BUCKETS_MS[i]!) i++;
      d[base + 2 + i]! += 1;
    }
  }

  /** Sums the buckets in [from, to) into steps of `stepSeconds` (a multiple of the bucket size). */
  read(fromSeconds: number, toSeconds: number, stepSeconds: number): HistoryPoint[] {
    const points: HistoryPoint[] = [];
    const perStep = Math.max(1, Math.round(stepSeconds / this.bucketSeconds));
    const first = Math.floor(fromSeconds / this.bucketSeconds);
    const last = Math.ceil(toSeconds / this.bucketSeconds);
    const sum = new Uint32Array(WIDTH);
    for (let start = first; start < last; start += perStep) {
      sum.fill(0);
      for (let bucket = start; bucket < start + perStep && bucket < last; bucket++) {
        const slot = bucket % this.slots;
        if (this.index[slot] !== bucket) continue;
        const base = slot * WIDTH;
        for (let i = 0; i < WIDTH; i++) sum[i]! += this.data[base + i]!;
      }
      const counts = sum.subarray(2);
      const p50 = histogramQuantile(0.5, TTFB_BUCKETS_MS, counts);
      const p90 = histogramQuantile(0.9, TTFB_BUCKETS_MS, counts);
      points.push({
        t: start * this.bucketSeconds,
        p50Ms: p50,
        p90Ms: p90,
        availabilityPct: availabilityPct(sum[1]!, sum[0]!),
      });
    }
    return points;
  }

  /** Probes and available probes in the buckets of [from, to), summed. */
  counts(fromSeconds: number, toSeconds: number): { ok: number; total: number } {
    const first = Math.floor(fromSeconds / this.bucketSeconds);
    const last = Math.ceil(toSeconds / this.bucketSeconds);
    let ok = 0;
    let total = 0;
    for (let bucket = Math.max(first, last - this.slots); bucket < last; bucket++) {
      const slot = bucket % this.slots;
      if (this.index[slot] !== bucket) continue;
      total += this.data[slot * WIDTH]!;
      ok += this.data[slot * WIDTH + 1]!;
    }
    return { ok, total };
  }

  /** Bytes held by this ring's arrays. */
  get bytes(): number {
    return this.index.byteLength + this.data.byteLength;
  }
}

interface Series {
  vantage: string;
  registry: string;
  target: ProbeTarget;
  minutes: Ring;
  quarters: Ring;
  lastAt: number;
}

export interface HistoryStoreOptions {
  /**
   * Most series (endpoint x vantage) kept. A new series takes the place of the least recently
   * updated one only once that one has had no sample for STALE_SECONDS; until then the new
   * series is not kept.
   */
  maxSeries: number;
  /**
   * Told when a new series is not kept because every kept one is still probed: at most once
   * per STALE_SECONDS, with the series count it holds.
   */
  onFull?: (maxSeries: number) => void;
}

/**
 * A series without a sample for this long is no longer probed (rounds are at most a few minutes
 * apart, backoff included) and may make room for a new one. Series still probed are never
 * evicted: with more endpoints probed than `maxSeries`, evicting the least recently updated one
 * at every new sample would wipe every series in turn (each holding one sample) and allocate
 * two rings (~85 KB) per sample.
 */
export const STALE_SECONDS = 10 * 60;

/** One-minute buckets for 24 h and 15-minute buckets for 7 d. */
export const MINUTE_SLOTS = 24 * 60;
export const QUARTER_SLOTS = 7 * 24 * 4;

/**
 * The console's embedded history: every sample of every vantage it receives (its own prober and
 * the agents' streams), downsampled into one-minute buckets kept 24 h and quarter-hour buckets
 * kept 7 days, each holding the probe count, the ok count and a histogram of warm TTFB on the
 * same bounds as the agents' Prometheus histograms. Fixed memory per series (about 85 KB), at
 * most `maxSeries` series.
 */
export class HistoryStore {
  private readonly series = new Map<string, Series>();
  private readonly maxSeries: number;
  private readonly onFull?: (maxSeries: number) => void;
  /** While full: before this time (Unix seconds, samples' clock) no series can be stale yet. */
  private noRoomUntil = -Infinity;

  constructor(options: HistoryStoreOptions) {
    this.maxSeries = options.maxSeries;
    this.onFull = options.onFull;
  }

  record(vantage: string, registry: string, sample: ProbeSample): void {
    const key = `${vantage}|${sample.host}`;
    let series = this.series.get(key);
    const at = Date.parse(sample.at) / 1000;
    if (!series) {
      if (this.series.size >= this.maxSeries && !this.makeRoom(at)) return;
      series = {
        vantage,
        registry: registry.toLowerCase(),
        target: { host: sample.host, kind: sample.kind, region: sample.region },
        minutes: new Ring(60, MINUTE_SLOTS),
        quarters: new Ring(900, QUARTER_SLOTS),
        lastAt: 0,
      };
      this.series.set(key, series);
    }
    // Warm TTFB only, as in the agents' acr_probe_ttfb_seconds histogram.
    const ttfb =
      sample.reused && sample.status !== null && sample.phases.ttfbMs !== null
        ? sample.phases.ttfbMs
        : null;
    const ok = isAvailable(sample.verdict);
    series.minutes.add(at, ok, ttfb);
    series.quarters.add(at, ok, ttfb);
    series.lastAt = Math.max(series.lastAt, at);
  }

  /**
   * The series of these hosts (every vantage) over [from, to) in steps: one-minute buckets when
   * the range fits in 24 h, quarter-hour buckets beyond.
   */
  query(
    hosts: readonly string[],
    fromSeconds: number,
    toSeconds: number,
    stepSeconds: number,
  ): { vantage: string; target: ProbeTarget; points: HistoryPoint[] }[] {
    const wanted = new Set(hosts.map((h) => h.toLowerCase()));
    const fine = toSeconds - fromSeconds <= MINUTE_SLOTS * 60 && stepSeconds < 900;
    const out = [];
    for (const s of this.series.values()) {
      if (!wanted.has(s.target.host)) continue;
      const ring = fine ? s.minutes : s.quarters;
      out.push({
        vantage: s.vantage,
        target: s.target,
        points: ring.read(fromSeconds, toSeconds, Math.max(stepSeconds, ring.bucketSeconds)),
      });
    }
    return out.sort(
      (a, b) => a.vantage.localeCompare(b.vantage) || a.target.host.localeCompare(b.target.host),
    );
  }

  /**
   * Probes and available probes of every series over [from, to) (at most 24 h, one-minute
   * buckets), by vantage and host: one pass over the store, for the fleet's availability.
   */
  counts(fromSeconds: number, toSeconds: number): ProbeCounts[] {
    const out: ProbeCounts[] = [];
    for (const s of this.series.values()) {
      const { ok, total } = s.minutes.counts(fromSeconds, toSeconds);
      if (total > 0) out.push({ vantage: s.vantage, host: s.target.host, ok, total });
    }
    return out;
  }

  get size(): number {
    return this.series.size;
  }

  /** Bytes of the buckets held (the store's memory, less the Map's own). */
  get bytes(): number {
    let total = 0;
    for (const s of this.series.values()) total += s.minutes.bytes + s.quarters.bytes;
    return total;
  }

  /**
   * Evicts the least recently updated series if it is stale at `now`; false when every series is
   * still probed. One scan per STALE_SECONDS at most while full: series only get newer.
   */
  private makeRoom(now: number): boolean {
    if (now < this.noRoomUntil) return false;
    let oldest: string | undefined;
    let at = Infinity;
    for (const [key, s] of this.series) {
      if (s.lastAt < at) {
        at = s.lastAt;
        oldest = key;
      }
    }
    if (oldest === undefined || now - at < STALE_SECONDS) {
      this.noRoomUntil = at + STALE_SECONDS;
      this.onFull?.(this.maxSeries);
      return false;
    }
    this.series.delete(oldest);
    return true;
  }
}
