import "server-only";
import type { ProbeHub } from "@/lib/probe/server";
import type { ProbeSample, ProbeTarget } from "@/lib/probe/shared/types";
import { fastestAndNext } from "@/lib/vantages/shared/ranking";
import type { VantageEndpoint, VantageRow, VantagesAnswer } from "@/lib/vantages/shared/types";
import type { AgentFeed } from "./agent-feed";

function endpointOf(target: ProbeTarget, sample: ProbeSample | undefined): VantageEndpoint {
  return {
    host: target.host,
    kind: target.kind,
    region: target.region,
    medianMs: sample?.stats.medianMs ?? null,
    verdict: sample?.verdict ?? null,
    at: sample?.at ?? null,
  };
}

function row(name: string, source: VantageRow["source"], endpoints: VantageEndpoint[]): VantageRow {
  const live = endpoints.some((e) => e.at !== null);
  return {
    name,
    source,
    status: live ? "live" : "waiting",
    endpoints,
    ...fastestAndNext(endpoints),
  };
}

/**
 * The `Latency by vantage` answer for one registry: its endpoints as ARM lists them, and per
 * vantage (the console's own prober first, then each agent) the last median warm TTFB and verdict
 * of each, with the fastest regional endpoint and the next best.
 */
export function latencyByVantage(input: {
  registryId: string;
  targets: ProbeTarget[];
  consoleName: string;
  hub: ProbeHub;
  feeds: readonly AgentFeed[];
}): VantagesAnswer {
  const { targets } = input;
  const lastOf = new Map<string, ProbeSample>();
  for (const s of input.hub.recent(targets.map((t) => t.host))) lastOf.set(s.host, s);
  const vantages: VantageRow[] = [
    row(
      input.consoleName,
      "console",
      targets.map((t) => endpointOf(t, lastOf.get(t.host))),
    ),
  ];
  for (const feed of input.feeds) {
    const none = targets.map((t) => endpointOf(t, undefined));
    if (feed.status.state === "unreachable") {
      vantages.push({
        name: feed.name,
        source: "agent",
        status: "unreachable",
        message: feed.status.message,
        endpoints: none,
        fastest: null,
        nextBest: null,
      });
    } else if (feed.status.state === "live" && !feed.probes(input.registryId)) {
      vantages.push({
        name: feed.name,
        source: "agent",
        status: "not-probing",
        message: "This agent does not probe this registry (its AGENT_REGISTRIES).",
        endpoints: none,
        fastest: null,
        nextBest: null,
      });
    } else {
      vantages.push(
        row(
          feed.name,
          "agent",
          targets.map((t) => endpointOf(t, feed.last(t.host))),
        ),
      );
    }
  }
  return { registryId: input.registryId, targets, vantages, at: new Date().toISOString() };
}
