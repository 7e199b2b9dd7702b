import "server-only";
import { roundMs, windowStats, type StatInput } from "@/lib/probe/shared/stats";
import {
  VERDICTS,
  type ProbeResult,
  type ProbeSample,
  type ProbeTarget,
  type Verdict,
} from "@/lib/probe/shared/types";

/** What the hub adds to a probe result before it is kept. */
export interface RecordedFields {
  seq: number;
  lagMs: number;
  backoffMs?: number;
}

const PHASES = ["dnsMs", "connectMs", "tlsMs", "sendMs", "ttfbMs", "totalMs"] as const;
const VERDICT_CODE = new Map<Verdict, number>(VERDICTS.map((v, i) => [v, i]));

/** seq and time (8 bytes each), lag, backoff and six phases (4 each), status (2), verdict, reused. */
const BYTES_PER_SAMPLE = 2 * 8 + (2 + PHASES.length) * 4 + 2 + 1 + 1;

/**
 * The window a sample's statistics are computed over, rewritten for each sample: read at once by
 * `windowStats`, never kept, so every store shares it (a window of new objects for every sample
 * was a sixth of what a probe allocated).
 */
const WINDOW: StatInput[] = [];
const blankInput = (): StatInput => ({
  verdict: "ok",
  status: null,
  reused: false,
  phases: { ttfbMs: null },
});

/**
 * The kept samples of one endpoint: a ring of fixed capacity holding only what a replay needs
 * (timings, verdicts, the answer's few strings) in typed columns over one buffer (timings as 32-bit floats, read back to the microsecond), about 60 bytes
 * a sample. Statistics are not kept: they are recomputed from the ring's own samples (the `windowSize`
 * before and including each one), so the ring holds `historySize + windowSize - 1` samples and the
 * oldest replayed sample still gets its full window. Memory is fixed when the endpoint is added.
 */
export class SampleRing {
  readonly capacity: number;
  private readonly seqs: Float64Array;
  private readonly ats: Float64Array;
  private readonly lags: Float32Array;
  /** NaN: no backoff. */
  private readonly backoffs: Float32Array;
  /** Six per sample, in PHASES order; NaN stands for null. */
  private readonly phases: Float32Array;
  /** -1: no HTTP status. */
  private readonly statuses: Int16Array;
  private readonly verdicts: Uint8Array;
  private readonly reused: Uint8Array;
  private readonly addresses: (string | null)[];
  /** Made at the first sample that has one: most endpoints never fail or get throttled. */
  private errors?: (string | undefined)[];
  private retryAfters?: (string | undefined)[];
  /** Index of the next write, and how many samples are in the ring. */
  private head = 0;
  private count = 0;

  constructor(
    readonly target: ProbeTarget,
    readonly historySize: number,
    readonly windowSize: number,
  ) {
    if (!Number.isInteger(historySize) || historySize < 1)
      throw new RangeError("history size must be >= 1");
    if (!Number.isInteger(windowSize) || windowSize < 1)
      throw new RangeError("window size must be >= 1");
    const capacity = historySize + windowSize - 1;
    this.capacity = capacity;
    // Every numeric column in one buffer (one allocation an endpoint, not eight), widest first
    // so that each column starts aligned to its element size.
    const buffer = new ArrayBuffer(capacity * BYTES_PER_SAMPLE);
    const n = capacity;
    const phasesAt = 24 * n;
    const statusesAt = phasesAt + 4 * PHASES.length * n;
    this.seqs = new Float64Array(buffer, 0, n);
    this.ats = new Float64Array(buffer, 8 * n, n);
    this.lags = new Float32Array(buffer, 16 * n, n);
    this.backoffs = new Float32Array(buffer, 20 * n, n);
    this.phases = new Float32Array(buffer, phasesAt, PHASES.length * n);
    this.statuses = new Int16Array(buffer, statusesAt, n);
    this.verdicts = new Uint8Array(buffer, statusesAt + 2 * n, n);
    this.reused = new Uint8Array(buffer, statusesAt + 3 * n, n);
    this.addresses = new Array<string | null>(capacity).fill(null);
  }

  /** Samples held (replayable or window only). */
  get size(): number {
    return this.count;
  }

  /** Keeps one sample (the oldest drops out when full) and returns it with its statistics. */
  push(result: ProbeResult, fields: RecordedFields): ProbeSample {
    const i = this.head;
    this.seqs[i] = fields.seq;
    this.ats[i] = Date.parse(result.at);
    this.lags[i] = fields.lagMs;
    this.backoffs[i] = fields.backoffMs ?? NaN;
    for (let p = 0; p < PHASES.length; p++) {
      this.phases[i * PHASES.length + p] =
        result.phases[PHASES[p] as (typeof PHASES)[number]] ?? NaN;
    }
    this.statuses[i] = result.status ?? -1;
    this.verdicts[i] = VERDICT_CODE.get(result.verdict) ?? 0;
    this.reused[i] = result.reused ? 1 : 0;
    // The same address sample after sample: keep one string, not one per sample.
    const previous = this.addresses[(i + this.capacity - 1) % this.capacity];
    this.addresses[i] = previous === result.remoteAddress ? previous : result.remoteAddress;
    if (result.error !== undefined) this.errors ??= new Array<string | undefined>(this.capacity);
    if (this.errors) this.errors[i] = result.error;
    if (result.retryAfter !== undefined)
      this.retryAfters ??= new Array<string | undefined>(this.capacity);
    if (this.retryAfters) this.retryAfters[i] = result.retryAfter;
    this.head = (i + 1) % this.capacity;
    this.count = Math.min(this.count + 1, this.capacity);
    return this.sample(this.count - 1);
  }

  /** The newest sample, with its statistics (none before the first). */
  latest(): ProbeSample | undefined {
    return this.count > 0 ? this.sample(this.count - 1) : undefined;
  }

  /** Replayable samples (the last `historySize`) with `seq` above `afterSeq`, oldest first. */
  after(afterSeq: number): ProbeSample[] {
    const out: ProbeSample[] = [];
    const first = Math.max(0, this.count - this.historySize);
    for (let k = first; k < this.count; k++) {
      if ((this.seqs[this.slot(k)] as number) > afterSeq) out.push(this.sample(k));
    }
    return out;
  }

  /** The k-th held sample, oldest first (0 .. size - 1), rebuilt with its window's statistics. */
  private sample(k: number): ProbeSample {
    const i = this.slot(k);
    const first = Math.max(0, k - this.windowSize + 1);
    const window = WINDOW;
    window.length = Math.min(window.length, k - first + 1);
    for (let w = first; w <= k; w++) this.readStatInput(w, (window[w - first] ??= blankInput()));
    const phase = (p: number) => {
      const v = this.phases[i * PHASES.length + p] as number;
      return Number.isNaN(v) ? null : roundMs(v);
    };
    const status = this.statuses[i] as number;
    const at = this.ats[i] as number;
    const sample: ProbeSample = {
      at: Number.isFinite(at) ? new Date(at).toISOString() : "",
      verdict: VERDICTS[this.verdicts[i] as number] as Verdict,
      status: status < 0 ? null : status,
      reused: this.reused[i] === 1,
      remoteAddress: this.addresses[i] ?? null,
      phases: {
        dnsMs: phase(0),
        connectMs: phase(1),
        tlsMs: phase(2),
        sendMs: phase(3),
        ttfbMs: phase(4),
        totalMs: phase(5) ?? 0,
      },
      seq: this.seqs[i] as number,
      host: this.target.host,
      kind: this.target.kind,
      region: this.target.region,
      lagMs: roundMs(this.lags[i] as number),
      stats: windowStats(window, true),
      coldStats: windowStats(window, false),
    };
    const retryAfter = this.retryAfters?.[i];
    const error = this.errors?.[i];
    const backoff = this.backoffs[i] as number;
    if (retryAfter !== undefined) sample.retryAfter = retryAfter;
    if (error !== undefined) sample.error = error;
    if (!Number.isNaN(backoff)) sample.backoffMs = roundMs(backoff);
    return sample;
  }

  /** Writes what the statistics read of the k-th held sample into `into`. */
  private readStatInput(k: number, into: StatInput): void {
    const i = this.slot(k);
    const status = this.statuses[i] as number;
    const ttfb = this.phases[i * PHASES.length + 4] as number;
    into.verdict = VERDICTS[this.verdicts[i] as number] as Verdict;
    into.status = status < 0 ? null : status;
    into.reused = this.reused[i] === 1;
    into.phases.ttfbMs = Number.isNaN(ttfb) ? null : roundMs(ttfb);
  }

  /** The ring index of the k-th held sample, oldest first. */
  private slot(k: number): number {
    return (this.head - this.count + k + this.capacity) % this.capacity;
  }
}
