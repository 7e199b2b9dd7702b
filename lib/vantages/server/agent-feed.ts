import "server-only";
import { logger } from "@/lib/log/logger";
import type { ProbeSample, ProbeTarget } from "@/lib/probe/shared/types";
import type { TargetsEvent } from "@/lib/probe/shared/events";
import type { ProbeAgentSetting } from "@/lib/env";
import { readSse } from "./sse-reader";

/** How often the agent's list of registries is read again. */
export const AGENT_LIST_MS = 60_000;
/** Wait before reconnecting a stream that ended or failed. */
const RECONNECT_MS = 2_000;
/** Longest wait for the agent's list. */
const LIST_TIMEOUT_MS = 10_000;

interface AgentRegistry {
  id: string;
  name: string;
  targets: ProbeTarget[];
}

export type FeedStatus =
  | { state: "starting" }
  | { state: "live"; at: number }
  | { state: "unreachable"; message: string; at: number };

export interface AgentFeedOptions {
  agent: ProbeAgentSetting;
  /** Every sample received, with the registry's name (the embedded history). */
  onSample: (sample: ProbeSample, registryName: string) => void;
  fetch?: typeof fetch;
}

/**
 * The console's connection to one probe agent: reads which registries it probes
 * (`GET /api/registries`, every minute), keeps one sample stream open per registry (the same
 * stream as the console's, resumed with Last-Event-ID after a drop), and holds the last sample of
 * every endpoint. The agent's URL and token never leave the server.
 */
export class AgentFeed {
  readonly name: string;
  status: FeedStatus = { state: "starting" };
  private readonly registries = new Map<string, AgentRegistry>();
  private readonly streams = new Map<string, AbortController>();
  private readonly latest = new Map<string, ProbeSample>();
  private timer?: ReturnType<typeof setInterval>;
  private stopped = false;
  private readonly fetch: typeof fetch;

  constructor(private readonly options: AgentFeedOptions) {
    this.name = options.agent.name;
    this.fetch = options.fetch ?? fetch;
  }

  start(): void {
    void this.list();
    this.timer = setInterval(() => void this.list(), AGENT_LIST_MS);
    this.timer.unref?.();
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
    for (const controller of this.streams.values()) controller.abort();
    this.streams.clear();
  }

  /** Whether the agent probes this registry (by ARM id, any case). */
  probes(registryId: string): boolean {
    return this.registries.has(registryId.toLowerCase());
  }

  /** The last sample of a host, if the agent sent one. */
  last(host: string): ProbeSample | undefined {
    return this.latest.get(host.toLowerCase());
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return { authorization: `Bearer ${this.options.agent.token}`, ...extra };
  }

  private async list(): Promise<void> {
    if (this.stopped) return;
    try {
      const res = await this.fetch(`${this.options.agent.url}/api/registries`, {
        headers: this.headers({ accept: "application/json" }),
        signal: AbortSignal.timeout(LIST_TIMEOUT_MS),
      });
      if (!res.ok) throw new Error(`the agent answered ${res.status} to its registry list`);
      const body = (await res.json()) as { registries?: AgentRegistry[] };
      const seen = new Set<string>();
      for (const r of body.registries ?? []) {
        const key = r.id.toLowerCase();
        seen.add(key);
        this.registries.set(key, r);
        if (!this.streams.has(key)) this.open(key);
      }
      for (const key of [...this.registries.keys()]) {
        if (seen.has(key)) continue;
        this.registries.delete(key);
        this.streams.get(key)?.abort();
        this.streams.delete(key);
      }
      this.status = { state: "live", at: Date.now() };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.status = { state: "unreachable", message: friendly(message), at: Date.now() };
      logger().warn(
        { event: "agent-feed", agent: this.name, error: message },
        "probe agent unreachable",
      );
    }
  }

  private open(key: string, lastEventId?: string): void {
    if (this.stopped || !this.registries.has(key)) return;
    const controller = new AbortController();
    this.streams.set(key, controller);
    let cursor = lastEventId;
    const id = this.registries.get(key)!.id;
    const run = async () => {
      const url = `${this.options.agent.url}/api/probes/stream?registryId=${encodeURIComponent(id)}`;
      const res = await this.fetch(url, {
        headers: this.headers({
          accept: "text/event-stream",
          ...(cursor ? { "last-event-id": cursor } : {}),
        }),
        signal: controller.signal,
      });
      if (!res.ok || !res.body) throw new Error(`the agent answered ${res.status} to the stream`);
      await readSse(res.body, (event) => {
        if (event.event === "targets") {
          const data = JSON.parse(event.data) as TargetsEvent;
          const entry = this.registries.get(key);
          if (entry) entry.targets = data.targets;
        } else if (event.event === "message") {
          const sample = JSON.parse(event.data) as ProbeSample;
          if (event.id) cursor = event.id;
          this.latest.set(sample.host.toLowerCase(), sample);
          this.options.onSample(sample, this.registries.get(key)?.name ?? key);
        }
      });
    };
    void run()
      .catch(() => undefined)
      .finally(() => {
        if (this.streams.get(key) !== controller || this.stopped) return;
        this.streams.delete(key);
        setTimeout(() => this.open(key, cursor), RECONNECT_MS).unref?.();
      });
  }
}

/** An error for the registry page: no URL or token in it. */
function friendly(message: string): string {
  if (/answered 401/.test(message)) return "The agent refused the console's token (PROBE_AGENTS).";
  if (/answered 404/.test(message))
    return "The agent has no stream (its AGENT_STREAM_TOKEN is unset).";
  if (/timeout|aborted/i.test(message)) return "The agent did not answer in time.";
  if (/answered \d+/.test(message)) return message.replace(/^the agent/, "The agent") + ".";
  return "The agent cannot be reached.";
}
