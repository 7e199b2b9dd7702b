import "server-only";

/**
 * When the console first saw each condition the attention rules look at (a Failed replica, an
 * excluded one, ...), for the "since" of conditions ARM gives no time for. One memory per server
 * process, shared by every viewer; a condition that is gone from a registry the reading covered
 * is forgotten, so it gets a new "since" if it comes back.
 */
export class Observations {
  private readonly seen = new Map<string, { since: string; registryId: string }>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly max = 200_000,
  ) {}

  /** The first sighting of `key` (recorded now if new). Keys start with `<reason>|<subject id>`. */
  firstSeen(key: string): string {
    let entry = this.seen.get(key);
    if (!entry) {
      const subject = key.slice(key.indexOf("|") + 1);
      const registryId = subject.replace(/\/replications\/[^/]+$/i, "");
      entry = { since: new Date(this.now()).toISOString(), registryId };
      this.seen.set(key, entry);
      while (this.seen.size > this.max) this.seen.delete(this.seen.keys().next().value!);
    }
    return entry.since;
  }

  /**
   * Forgets the conditions of these registries (lowercase ids) that were not asked about in this
   * round (`asked`): they are over.
   */
  settle(registryIds: ReadonlySet<string>, asked: ReadonlySet<string>): void {
    for (const [key, entry] of this.seen) {
      if (registryIds.has(entry.registryId) && !asked.has(key)) this.seen.delete(key);
    }
  }
}
