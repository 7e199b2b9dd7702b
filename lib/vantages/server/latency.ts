import "server-only";
import type { ProbeHub } from "@/lib/probe/server";
import type { ProbeSample, ProbeTarget } from "@/lib/probe/shared/types";
import { fastestAndNext } from "@/lib/vantages/shared/ranking";
import type { VantageEndpoint, VantageRow, VantagesAnswer } from "@/lib/vantages/shared/types";
import type { AgentFeed } from "./agent-feed";

/**
 * One endpoint as a vantage last saw it. The median is of the window's answered probes, so an
 * endpoint that stopped answering would keep the figure it had while it answered: it is given only
 * while the last verdict is ok, and a failing endpoint shows its verdict alone, never a latency.
 */
function endpointOf(target: ProbeTarget, sample: ProbeSample | undefined): VantageEndpoint {
  return {
    host: target.host,
    kind: target.kind,
    region: target.region,
    medianMs: sample?.verdict === "ok" ? sample.stats.medianMs : null,
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
  hub: Pick<ProbeHub, "latest">;
  feeds: readonly Pick<AgentFeed, "name" | "status" | "probes" | "last">[];
}): VantagesAnswer {
  const { targets } = input;
  const vantages: VantageRow[] = [
    row(
      input.consoleName,
      "console",
      targets.map((t) => endpointOf(t, input.hub.latest(t.host))),
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
