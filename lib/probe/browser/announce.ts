import { rowStatus, type ProbeRow, type RowStatus } from "./table";

/**
 * At most one announcement this often: a screen reader that spoke every sample would drown the
 * page, so changes are gathered and summarised.
 */
export const ANNOUNCE_GAP_MS = 5_000;
/** Changes named one by one in an announcement; the rest are counted. */
const NAMED_CHANGES = 3;

export interface VerdictChange {
  /** How the endpoint is named for people: `regional westeurope`, `global`. */
  label: string;
  from: RowStatus;
  to: RowStatus;
}

/** The endpoint's name in an announcement. */
export function endpointLabel(row: Pick<ProbeRow, "kind" | "region">): string {
  return row.kind === "global" ? "global" : `${row.kind} ${row.region ?? ""}`.trim();
}

/** One summary sentence for a set of changes, or null for none. */
export function verdictSummary(changes: readonly VerdictChange[]): string | null {
  if (changes.length === 0) return null;
  const named = changes
    .slice(0, NAMED_CHANGES)
    .map((c) => `${c.label} now ${c.to} (was ${c.from})`);
  const more = changes.length - NAMED_CHANGES;
  return `Probe verdicts changed: ${named.join("; ")}${more > 0 ? `; and ${more} more` : ""}.`;
}

/**
 * Turns a stream of table states into polite announcements: the first verdict of each endpoint
 * is its baseline (nothing is said), later states are compared with what was last announced,
 * only net changes are reported (a flap back to the announced verdict is not), and never two
 * announcements less than `gapMs` apart. Changes held back by the gap are reported on the first
 * `update` after it.
 */
export class VerdictAnnouncer {
  private readonly baseline = new Map<string, { label: string; status: RowStatus }>();
  private lastAt = -Infinity;

  constructor(private readonly gapMs = ANNOUNCE_GAP_MS) {}

  /** The announcement due now for these rows, or null. */
  update(rows: readonly ProbeRow[], now: number): string | null {
    const current = new Map<string, { label: string; status: RowStatus }>();
    for (const row of rows) {
      if (row.verdict === "waiting") continue;
      current.set(row.host, { label: endpointLabel(row), status: rowStatus(row) });
    }
    const changes: VerdictChange[] = [];
    for (const [host, state] of current) {
      const before = this.baseline.get(host);
      if (!before) this.baseline.set(host, state);
      else if (before.status !== state.status) {
        changes.push({ label: state.label, from: before.status, to: state.status });
      }
    }
    // Endpoints that left (ARM no longer lists them) are forgotten, not announced.
    for (const host of [...this.baseline.keys()]) {
      if (!current.has(host)) this.baseline.delete(host);
    }
    if (changes.length === 0 || now - this.lastAt < this.gapMs) return null;
    for (const [host, entry] of current) this.baseline.set(host, entry);
    this.lastAt = now;
    return verdictSummary(changes);
  }
}
