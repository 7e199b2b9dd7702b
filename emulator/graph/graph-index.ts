import type { EmulatorState } from "../store/types";
import { currentRows, type GraphRow } from "./rows";

interface Entry {
  /** What queries see. Null: not (or no longer) indexed. */
  visible: GraphRow | null;
  fingerprint: string;
  /** A change not yet indexed: it becomes visible at `at`. */
  pending?: { row: GraphRow | null; fingerprint: string; at: number };
}

/**
 * Resource Graph's index: a copy of every row that follows ARM `lagMs` after each write, as
 * Azure's index is updated some time after a change. `noteSave()` runs after every saved change
 * and schedules what changed; `rebuild()` takes the state as it is at once (start and reset).
 */
export class GraphIndex {
  private entries = new Map<string, Entry>();
  private ordered: GraphRow[] | null = null;
  private orderedVersion = 0;

  constructor(
    private readonly state: () => EmulatorState,
    private readonly lagMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.rebuild();
  }

  rebuild(): void {
    this.entries.clear();
    for (const [id, row] of currentRows(this.state())) {
      this.entries.set(id, { visible: row, fingerprint: JSON.stringify(row) });
    }
    this.ordered = null;
  }

  /** Schedules every row that differs from the last one known for it. */
  noteSave(): void {
    const at = this.now() + this.lagMs;
    const current = currentRows(this.state());
    for (const [id, row] of current) {
      const fingerprint = JSON.stringify(row);
      const entry = this.entries.get(id);
      if (!entry) {
        this.entries.set(id, { visible: null, fingerprint: "", pending: { row, fingerprint, at } });
      } else if ((entry.pending?.fingerprint ?? entry.fingerprint) !== fingerprint) {
        entry.pending = { row, fingerprint, at };
      }
    }
    for (const [id, entry] of this.entries) {
      if (!current.has(id) && (entry.pending ? entry.pending.row : entry.visible)) {
        entry.pending = { row: null, fingerprint: "", at };
      }
    }
    if (this.lagMs === 0) this.ordered = null;
  }

  /** The rows queries see now, ordered by id. */
  rows(): GraphRow[] {
    const now = this.now();
    for (const entry of this.entries.values()) {
      if (entry.pending && entry.pending.at <= now) {
        entry.visible = entry.pending.row;
        entry.fingerprint = entry.pending.fingerprint;
        entry.pending = undefined;
        this.ordered = null;
      }
    }
    if (!this.ordered) {
      this.orderedVersion++;
      this.ordered = [...this.entries.entries()]
        .filter(([, e]) => e.visible !== null)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([, e]) => e.visible as GraphRow);
    }
    return this.ordered;
  }

  /** Changes whenever `rows()` would answer differently (for caching query results). */
  version(): number {
    this.rows();
    return this.orderedVersion;
  }
}
