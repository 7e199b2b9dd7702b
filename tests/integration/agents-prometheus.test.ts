import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { startAgentProcess, type RunningAgent } from "../support/agent-process";
import { startPrometheus, type RunningPrometheus } from "../support/prometheus-process";
import { callRoute, pointConsoleAtEmulator, tokenFor } from "./console-api-support";
import type { EmulatorEndpoints } from "../support/emulator-process";
import type { HistoryAnswer, VantagesAnswer } from "@/lib/vantages/shared/types";
import { until as waitFor } from "../support/until";

/*
 * Two real probe agents (`npm run agent`) at two vantages of the emulator (westeurope and
 * southeastasia, each with its own data-plane address and round trips), scraped by a real
 * Prometheus (Debian's package, on a free port with a temporary configuration and storage), and
 * the console's history and latency-by-vantage routes answering from them.
 */

let endpoints: EmulatorEndpoints;
let agents: RunningAgent[] = [];
let prometheus: RunningPrometheus;
let registry: {
  id: string;
  name: string;
  targets: { host: string; kind: string; region: string | null }[];
};

interface PromVector {
  status: string;
  data: { result: { metric: Record<string, string>; value: [number, string] }[] };
}

async function promQuery(query: string): Promise<PromVector["data"]["result"]> {
  const res = await fetch(`${prometheus.url}/api/v1/query?query=${encodeURIComponent(query)}`);
  const body = (await res.json()) as PromVector;
  expect(body.status).toBe("success");
  return body.data.result;
}

const until = <T>(what: string, read: () => Promise<T | undefined>, ms = 60_000) =>
  waitFor(what, read, ms);

const regionOf = (host: string) => host.split(".")[1];

beforeAll(async () => {
  endpoints = pointConsoleAtEmulator();
  const file = join(inject("emulatorDir"), "endpoints.json");
  agents = await Promise.all(
    ["westeurope", "southeastasia"].map((vantage) =>
      startAgentProcess(endpoints, file, { vantage, intervalMs: 1_000 }),
    ),
  );
  const list = (await (
    await fetch(`${agents[0]!.url}/api/registries`, {
      headers: { authorization: `Bearer ${agents[0]!.token}` },
    })
  ).json()) as { registries: (typeof registry)[] };
  registry = list.registries.find((r) => r.name === "contosoprod")!;
  expect(registry.targets.filter((t) => t.kind === "regional").length).toBeGreaterThan(2);
  prometheus = await startPrometheus(agents.map((a) => new URL(a.url).host));
  vi.stubEnv(
    "PROBE_AGENTS",
    JSON.stringify(agents.map((a) => ({ name: a.vantage, url: a.url, token: a.token }))),
  );
}, 180_000);

afterAll(async () => {
  const { stopSharedVantages } = await import("@/lib/vantages/server/shared");
  stopSharedVantages();
  await Promise.all([...agents.map((a) => a.stop()), prometheus?.stop()]);
  vi.unstubAllEnvs();
});

describe("probe agents scraped by Prometheus", () => {
  it("each vantage finds its own region's replica fastest, from the histograms Prometheus scraped", async () => {
    const query =
      'histogram_quantile(0.5, sum by (le, vantage, host) (rate(acr_probe_ttfb_seconds_bucket{registry="contosoprod",kind="regional"}[1m])))';
    const regional = registry.targets.filter((t) => t.kind === "regional").length;
    const regionalCount = regional;
    // Enough warm probes of every endpoint that one slow probe on a busy machine moves no median.
    await until("20 warm probes per endpoint and vantage", async () => {
      const counts = await promQuery(
        'acr_probe_ttfb_seconds_count{registry="contosoprod",kind="regional"}',
      );
      return counts.length === 2 * regionalCount && counts.every((c) => Number(c.value[1]) >= 20)
        ? true
        : undefined;
    });
    const result = await until("both vantages' regional medians", async () => {
      const rows = (await promQuery(query)).filter((r) => Number.isFinite(Number(r.value[1])));
      const perVantage = (v: string) => rows.filter((r) => r.metric.vantage === v).length;
      return perVantage("westeurope") === regional && perVantage("southeastasia") === regional
        ? rows
        : undefined;
    });
    const fastest = (vantage: string) =>
      result
        .filter((r) => r.metric.vantage === vantage)
        .sort((a, b) => Number(a.value[1]) - Number(b.value[1]))[0]!.metric.host!;
    expect(regionOf(fastest("westeurope"))).toBe("westeurope");
    expect(regionOf(fastest("southeastasia"))).toBe("southeastasia");
    // The same replica is far from the other vantage: tens of milliseconds apart.
    const median = (vantage: string, region: string) =>
      Number(
        result.find((r) => r.metric.vantage === vantage && regionOf(r.metric.host!) === region)!
          .value[1],
      );
    expect(
      median("southeastasia", "westeurope") - median("westeurope", "westeurope"),
    ).toBeGreaterThan(0.05);
  });

  it("labels every series with registry, kind, region, host and vantage, and counts probes by verdict", async () => {
    const rows = await promQuery('acr_probes_total{registry="contosoprod",verdict="ok"}');
    expect(rows.length).toBe(registry.targets.length * 2);
    for (const r of rows) {
      // Prometheus drops empty labels: the global name has no region.
      const region = r.metric.kind === "global" ? [] : ["region"];
      expect(Object.keys(r.metric).sort()).toEqual(
        [
          "__name__",
          "host",
          "instance",
          "job",
          "kind",
          ...region,
          "registry",
          "verdict",
          "vantage",
        ].sort(),
      );
    }
    const up = await promQuery('min by (vantage) (acr_probe_up{registry="contosoprod"})');
    expect(up.map((r) => r.value[1])).toEqual(["1", "1"]);
  });

  it("the console's history route answers from Prometheus, per endpoint and vantage", async () => {
    vi.stubEnv("PROMETHEUS_URL", prometheus.url);
    const token = await tokenFor(endpoints, "operator");
    const route =
      await import("@/app/api/subscriptions/[subscriptionId]/resourceGroups/[resourceGroup]/registries/[registryName]/history/route");
    const [, , subscriptionId, , resourceGroup, , , , registryName] = registry.id.split("/");
    const params = {
      subscriptionId: subscriptionId!,
      resourceGroup: resourceGroup!,
      registryName: registryName!,
    };
    const answer = await until(
      "history with points",
      async () => {
        const res = await callRoute(route.GET, { token, params, query: { range: "1h" } });
        expect(res.status).toBe(200);
        const body = res.body as HistoryAnswer;
        const withP50 = body.series.filter((s) => s.points.some((p) => p.p50Ms !== null));
        return withP50.length >= registry.targets.length ? body : undefined;
      },
      150_000,
    );
    expect(answer.source).toBe("prometheus");
    expect(new Set(answer.series.map((s) => s.vantage))).toEqual(
      new Set(["westeurope", "southeastasia"]),
    );
    const last = (vantage: string, region: string) =>
      answer.series
        .find((s) => s.vantage === vantage && s.region === region && s.kind === "regional")!
        .points.filter((p) => p.p50Ms !== null)
        .at(-1)!;
    expect(last("westeurope", "westeurope").p50Ms!).toBeLessThan(
      last("southeastasia", "westeurope").p50Ms!,
    );
    expect(last("westeurope", "westeurope").availabilityPct).toBe(100);
    const bad = await callRoute(route.GET, { token, params, query: { range: "2d" } });
    expect(bad.status).toBe(400);
    vi.stubEnv("PROMETHEUS_URL", "");
  }, 180_000);

  it("the registry page's latency by vantage shows each agent with a different fastest region", async () => {
    const token = await tokenFor(endpoints, "operator");
    const route =
      await import("@/app/api/subscriptions/[subscriptionId]/resourceGroups/[resourceGroup]/registries/[registryName]/vantages/route");
    const [, , subscriptionId, , resourceGroup, , , , registryName] = registry.id.split("/");
    const params = {
      subscriptionId: subscriptionId!,
      resourceGroup: resourceGroup!,
      registryName: registryName!,
    };
    const answer = await until("both agents live with a fastest region", async () => {
      const res = await callRoute(route.GET, { token, params });
      expect(res.status).toBe(200);
      const body = res.body as VantagesAnswer;
      const agentsRows = body.vantages.filter((v) => v.source === "agent");
      return agentsRows.length === 2 && agentsRows.every((v) => v.fastest && v.nextBest)
        ? body
        : undefined;
    });
    const row = (name: string) => answer.vantages.find((v) => v.name === name)!;
    expect(regionOf(row("westeurope").fastest!)).toBe("westeurope");
    expect(regionOf(row("westeurope").nextBest!)).toBe("uksouth");
    expect(regionOf(row("southeastasia").fastest!)).toBe("southeastasia");
    expect(answer.vantages[0]!.source).toBe("console");
    // Nothing of the agents but their names reaches the answer.
    const text = JSON.stringify(answer);
    for (const a of agents) {
      expect(text).not.toContain(a.token);
      expect(text).not.toContain(a.url);
    }
  });

  it("the agent's stream and registry list need its token", async () => {
    const agent = agents[0]!;
    const url = `${agent.url}/api/probes/stream?registryId=${encodeURIComponent(registry.id)}`;
    expect((await fetch(url)).status).toBe(401);
    expect(
      (await fetch(url, { headers: { authorization: "Bearer wrong-token-0123456789" } })).status,
    ).toBe(401);
    const res = await fetch(url, { headers: { authorization: `Bearer ${agent.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const reader = res.body!.getReader();
    let text = "";
    while (!/\nid: [^\n]+\ndata: /.test(text))
      text += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    expect(text).toContain("event: targets");
    expect(text).toContain('"consoleHost":"westeurope"');
    expect((await fetch(`${agent.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${agent.url}/readyz`)).status).toBe(200);
  });
});
