import "server-only";
import { isAvailable } from "@/lib/probe/shared/availability";
import type { Verdict } from "@/lib/probe/shared/types";
import type { ProbeCounts } from "@/lib/vantages/shared/types";

/** Five-minute buckets, 288 of them: 24 h. */
export const AVAILABILITY_BUCKET_SECONDS = 300;
export const AVAILABILITY_SLOTS = 288;
/** Most hosts kept; the one probed least recently makes room. */
export const AVAILABILITY_MAX_HOSTS = 100_000;

interface HostRing {
  vantage: string;
  host: string;
  /** The bucket number (Unix seconds / bucket size) each slot holds, -1 when empty. */
  index: Int32Array;
  /** Per slot: probes, then available probes. */
  counts: Uint16Array;
  lastAt: number;
}

/**
 * The embedded history of the fleet sweep: for each endpoint the sweep probes (every replica of
 * every viewer's fleet, once a minute by default), how many probes it made and how many were
 * available, in five-minute buckets kept 24 h. Only counts: the sweep opens a new connection for
 * each probe, so it has no warm TTFB for the latency charts, and 2.3 KB per endpoint lets a fleet
 * of 10,000 replicas (20,000 endpoints) be kept in about 46 MB. The registry pages' history
 * (HistoryStore) stays for the live probes and the agents.
 */
export class AvailabilityStore {
  private readonly hosts = new Map<string, HostRing>();

  constructor(private readonly maxHosts = AVAILABILITY_MAX_HOSTS) {}

  /** One probe of `host` from `vantage` that started at `at` (ISO or Unix ms). */
  record(vantage: string, host: string, verdict: Verdict, at: string | number): void {
    const ms = typeof at === "number" ? at : Date.parse(at);
    if (!Number.isFinite(ms)) return;
    const key = `${vantage}|${host.toLowerCase()}`;
    let ring = this.hosts.get(key);
    if (!ring) {
      if (this.hosts.size >= this.maxHosts) this.evictOldest();
      ring = {
        vantage,
        host: host.toLowerCase(),
        index: new Int32Array(AVAILABILITY_SLOTS).fill(-1),
        counts: new Uint16Array(AVAILABILITY_SLOTS * 2),
        lastAt: 0,
      };
      this.hosts.set(key, ring);
    }
    const bucket = Math.floor(ms / 1000 / AVAILABILITY_BUCKET_SECONDS);
    const slot = bucket % AVAILABILITY_SLOTS;
    if (ring.index[slot] !== bucket) {
      ring.index[slot] = bucket;
      ring.counts[slot * 2] = 0;
      ring.counts[slot * 2 + 1] = 0;
    }
    if (ring.counts[slot * 2]! < 0xffff) {
      ring.counts[slot * 2]! += 1;
      if (isAvailable(verdict)) ring.counts[slot * 2 + 1]! += 1;
    }
    ring.lastAt = Math.max(ring.lastAt, ms);
  }

  /**
   * Probes and available probes of every endpoint over the buckets that overlap [from, to)
   * (Unix seconds, at most 24 h), by vantage and host: one pass over the store.
   */
  counts(fromSeconds: number, toSeconds: number): ProbeCounts[] {
    const last = Math.ceil(toSeconds / AVAILABILITY_BUCKET_SECONDS);
    const first = Math.max(
      Math.floor(fromSeconds / AVAILABILITY_BUCKET_SECONDS),
      last - AVAILABILITY_SLOTS,
    );
    const out: ProbeCounts[] = [];
    for (const ring of this.hosts.values()) {
      let ok = 0;
      let total = 0;
      for (let slot = 0; slot < AVAILABILITY_SLOTS; slot++) {
        const bucket = ring.index[slot]!;
        if (bucket < first || bucket >= last) continue;
        total += ring.counts[slot * 2]!;
        ok += ring.counts[slot * 2 + 1]!;
      }
      if (total > 0) out.push({ vantage: ring.vantage, host: ring.host, ok, total });
    }
    return out;
  }

  get size(): number {
    return this.hosts.size;
  }

  /** Bytes of the buckets held. */
  get bytes(): number {
    return this.hosts.size * AVAILABILITY_SLOTS * (4 + 2 * 2);
  }

  private evictOldest(): void {
    let oldest: string | undefined;
    let at = Infinity;
    for (const [key, ring] of this.hosts) {
      if (ring.lastAt < at) {
        at = ring.lastAt;
        oldest = key;
      }
    }
    if (oldest !== undefined) this.hosts.delete(oldest);
  }
}
