import "server-only";

/**
 * Who a shared probe loop runs for, for the fair share of probe slots (see Semaphore). Each
 * endpoint keeps its viewers' owners (the callers' identities, with a count of their listeners);
 * a round of the endpoint counts for the owner among them that watches the fewest endpoints, so a
 * caller watching one registry is never queued behind the backlog of one watching hundreds, even
 * for an endpoint both watch. Rounds of an endpoint nobody watches (lingering) share one key.
 */
export class FairShares {
  /** Endpoints each owner watches. */
  private readonly load = new Map<string, number>();

  /** One more listener of `owner` on the endpoint whose owners are `owners`. */
  add(owners: Map<string, number>, owner: string): void {
    const count = owners.get(owner) ?? 0;
    owners.set(owner, count + 1);
    if (count === 0) this.load.set(owner, (this.load.get(owner) ?? 0) + 1);
  }

  /** One listener of `owner` fewer on that endpoint. */
  remove(owners: Map<string, number>, owner: string): void {
    const count = owners.get(owner) ?? 0;
    if (count > 1) {
      owners.set(owner, count - 1);
      return;
    }
    if (count === 0) return;
    owners.delete(owner);
    const load = (this.load.get(owner) ?? 1) - 1;
    if (load > 0) this.load.set(owner, load);
    else this.load.delete(owner);
  }

  /** The key a round of the endpoint counts for: its least loaded owner ("" for none). */
  keyOf(owners: Map<string, number> | undefined): string {
    let best = "";
    let bestLoad = Infinity;
    for (const owner of owners?.keys() ?? []) {
      const load = this.load.get(owner) ?? 0;
      if (load < bestLoad) [best, bestLoad] = [owner, load];
    }
    return best;
  }

  clear(): void {
    this.load.clear();
  }
}
