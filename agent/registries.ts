import type { ArmClients } from "@/lib/azure/client";
import { listInventory } from "@/lib/azure/inventory";
import { getRegistry } from "@/lib/azure/registries";
import { ApiError } from "@/lib/errors";
import { logger } from "@/lib/log/logger";
import type { ProbeHub, ProbeTarget } from "@/lib/probe/server";
import { targetsFromRegistry, targetsKey } from "@/lib/probe/shared/targets";
import { voteInterval } from "@/lib/probe/server/stream/viewers";
import type { RegistryRef } from "@/lib/types";

/** One registry the agent probes: its endpoints as ARM last listed them. */
export interface ProbedRegistry {
  id: string;
  name: string;
  targets: ProbeTarget[];
}

interface Entry extends ProbedRegistry {
  unsubscribe: () => void;
  withdrawVote: () => void;
}

export interface RegistrySetOptions {
  hub: ProbeHub;
  /** ARM clients with the agent's own identity. */
  arm: () => ArmClients;
  registries: RegistryRef[] | "all";
  intervalMs: number;
  /** Called with the hosts no longer probed (their metrics series are removed). */
  onHostsGone?: (hosts: string[]) => void;
}

/**
 * The registries a probe agent probes and their endpoints, read from ARM with the agent's own
 * identity (the ARM ids configured, or every registry of every subscription it can read), and
 * kept probing at the configured interval. `refresh` reads them again and follows changes
 * (regional endpoints switched on or off, a registry removed or added).
 */
export class RegistrySet {
  private readonly entries = new Map<string, Entry>();
  private readonly options: RegistrySetOptions;
  /** Time of the last read that reached ARM (ms), and its failures. */
  lastRefreshAt: number | null = null;
  lastError: string | null = null;

  constructor(options: RegistrySetOptions) {
    this.options = options;
  }

  list(): ProbedRegistry[] {
    return [...this.entries.values()].map(({ id, name, targets }) => ({ id, name, targets }));
  }

  get(id: string): ProbedRegistry | undefined {
    const entry = this.entries.get(id.toLowerCase());
    return entry && { id: entry.id, name: entry.name, targets: entry.targets };
  }

  hosts(): Set<string> {
    return new Set([...this.entries.values()].flatMap((e) => e.targets.map((t) => t.host)));
  }

  /** Reads the registries from ARM and follows what changed. Never throws: failures are kept. */
  async refresh(): Promise<void> {
    const log = logger();
    const found = new Map<string, ProbedRegistry>();
    const problems: string[] = [];
    try {
      if (this.options.registries === "all") {
        const listing = await listInventory(this.options.arm());
        for (const r of listing.registries) found.set(r.id.toLowerCase(), this.describe(r));
        for (const f of listing.failures) {
          problems.push(`subscription ${f.subscriptionId}: ${f.error.code} ${f.error.message}`);
        }
      } else {
        for (const ref of this.options.registries) {
          try {
            const r = await getRegistry(this.options.arm(), ref);
            found.set(r.id.toLowerCase(), this.describe(r));
          } catch (error) {
            const id = `/subscriptions/${ref.subscriptionId}/resourceGroups/${ref.resourceGroup}/providers/Microsoft.ContainerRegistry/registries/${ref.name}`;
            // A registry ARM still lists but could not be read this time keeps its endpoints.
            const kept = this.entries.get(id.toLowerCase());
            if (
              kept &&
              !(error instanceof ApiError && (error.status === 403 || error.status === 404))
            ) {
              found.set(kept.id.toLowerCase(), kept);
            }
            problems.push(`${ref.name}: ${describeError(error)}`);
          }
        }
      }
    } catch (error) {
      // The subscription list itself failed: keep probing what is known.
      this.lastError = describeError(error);
      log.warn(
        { event: "agent-registries", error: this.lastError },
        "agent: cannot list registries",
      );
      return;
    }
    this.apply(found);
    this.lastRefreshAt = Date.now();
    this.lastError = problems.length > 0 ? problems.join("; ") : null;
    if (this.lastError) {
      log.warn(
        { event: "agent-registries", error: this.lastError },
        "agent: some registries unread",
      );
    }
    log.info(
      { event: "agent-registries", registries: this.entries.size, hosts: this.hosts().size },
      "agent: probing",
    );
  }

  /** Stops probing everything. */
  close(): void {
    for (const entry of this.entries.values()) {
      entry.unsubscribe();
      entry.withdrawVote();
    }
    this.entries.clear();
  }

  private describe(
    registry: Parameters<typeof targetsFromRegistry>[0] & { id: string; name: string },
  ): ProbedRegistry {
    return { id: registry.id, name: registry.name, targets: targetsFromRegistry(registry) };
  }

  private apply(found: Map<string, ProbedRegistry>): void {
    const before = this.hosts();
    for (const [key, entry] of this.entries) {
      const next = found.get(key);
      if (next && targetsKey(next.targets) === targetsKey(entry.targets)) continue;
      entry.unsubscribe();
      entry.withdrawVote();
      this.entries.delete(key);
    }
    const { hub, intervalMs } = this.options;
    for (const [key, registry] of found) {
      if (this.entries.has(key)) continue;
      // The agent's own vote holds the loop at its configured interval whoever streams.
      const withdrawVote = voteInterval(hub, key, intervalMs);
      const unsubscribe = hub.subscribe(key, registry.targets, () => {}, { replay: "none" });
      this.entries.set(key, { ...registry, unsubscribe, withdrawVote });
    }
    const now = this.hosts();
    const gone = [...before].filter((h) => !now.has(h));
    if (gone.length > 0) this.options.onHostsGone?.(gone);
  }
}

function describeError(error: unknown): string {
  if (error instanceof ApiError) return `${error.status} ${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
