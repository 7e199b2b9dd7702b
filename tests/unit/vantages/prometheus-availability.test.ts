import { describe, expect, it } from "vitest";
import { fleetAvailability, prometheusCounts } from "@/lib/fleet/server/availability";
import { replicaKey } from "@/lib/fleet/shared/availability";
import { AvailabilityStore } from "@/lib/vantages/server/availability-store";
import { HistoryStore } from "@/lib/vantages/server/history-store";
import { fleetAvailabilityQuery, historyQueries } from "@/lib/vantages/server/prometheus";
import { fleetRegistry, fleetReplica } from "../fleet/fixtures";

const HOST = "contosoprod.westeurope.geo.azurecr.io";
const registry = fleetRegistry({
  replicas: [fleetReplica("westeurope", { regionalEndpoint: HOST })],
});

/** A Prometheus answer as its HTTP API gives one, recording what was asked. */
function prometheusAnswering(result: unknown[], status = 200) {
  const asked: { url: string; body: URLSearchParams; authorization: string | null }[] = [];
  const fetchImpl = (async (url: string, init: RequestInit) => {
    asked.push({
      url,
      body: new URLSearchParams(String(init.body)),
      authorization: new Headers(init.headers).get("authorization"),
    });
    return new Response(
      JSON.stringify(
        status === 200
          ? { status: "success", data: { resultType: "vector", result } }
          : { status: "error", error: "bad" },
      ),
      { status },
    );
  }) as typeof fetch;
  return { fetchImpl, asked };
}

describe("the fleet's PromQL", () => {
  it("is one instant query over 24 h grouped by host, vantage and verdict", () => {
    expect(fleetAvailabilityQuery()).toBe(
      'sum by (host, vantage, verdict) (increase(acr_probes_total{kind=~"regional|data"}[24h]))',
    );
  });

  it("uses the same available verdict as the history charts", () => {
    expect(historyQueries("r", "5m").availability).toContain('verdict="ok"');
  });

  it("is sent once, at the window's end, with the Authorization header when configured", async () => {
    const { fetchImpl, asked } = prometheusAnswering([
      { metric: { host: HOST, vantage: "console", verdict: "ok" }, value: [1, "1380"] },
      { metric: { host: HOST, vantage: "console", verdict: "timeout" }, value: [1, "60.4"] },
      { metric: { host: HOST, vantage: "aks", verdict: "ok" }, value: [1, "720"] },
      { metric: { host: HOST, vantage: "aks", verdict: "bogus" }, value: [1, "5"] },
    ]);
    const counts = await prometheusCounts(
      { baseUrl: "http://prom", fetch: fetchImpl, authorize: async () => "Bearer t0k" },
      1_800_000_000,
    );
    expect(asked).toHaveLength(1);
    expect(asked[0]!.url).toBe("http://prom/api/v1/query");
    expect(asked[0]!.body.get("query")).toBe(fleetAvailabilityQuery());
    expect(asked[0]!.body.get("time")).toBe("1800000000");
    expect(asked[0]!.authorization).toBe("Bearer t0k");
    expect(counts).toEqual([
      { vantage: "console", host: HOST, ok: 1380, total: 1440.4 },
      { vantage: "aks", host: HOST, ok: 720, total: 720 },
    ]);
  });
});

describe("fleetAvailability", () => {
  const embedded = () => ({
    availability: new AvailabilityStore(),
    history: new HistoryStore({ maxSeries: 1 }),
    startedAt: "2026-12-05T00:00:00.000Z",
  });

  it("answers from Prometheus when configured, naming no start", async () => {
    const { fetchImpl } = prometheusAnswering([
      { metric: { host: HOST, vantage: "console", verdict: "ok" }, value: [1, "90"] },
      { metric: { host: HOST, vantage: "console", verdict: "refused" }, value: [1, "10"] },
    ]);
    const answer = await fleetAvailability([registry], {
      prometheus: { baseUrl: "http://prom", fetch: fetchImpl },
      embedded: embedded(),
      minPct: 99,
      now: 1_800_000_000_000,
    });
    expect(answer).toMatchObject({ source: "prometheus", since: null, minPct: 99 });
    expect(answer.replicas[replicaKey(registry.id, "westeurope")]?.pct).toBe(90);
    expect(Date.parse(answer.to) - Date.parse(answer.from)).toBe(86_400_000);
  });

  it("says why when Prometheus refuses, with no figures instead of a failed page", async () => {
    const { fetchImpl } = prometheusAnswering([], 400);
    const answer = await fleetAvailability([registry], {
      prometheus: { baseUrl: "http://prom", fetch: fetchImpl },
      embedded: embedded(),
      minPct: 99,
    });
    expect(answer.replicas).toEqual({});
    expect(answer.error?.code).toBe("PrometheusQueryFailed");
  });

  it("answers from the embedded history otherwise, since it started", async () => {
    const stores = embedded();
    const now = 1_800_000_000_000;
    stores.availability.record("console", HOST, "ok", now - 120_000);
    stores.availability.record("console", HOST, "timeout", now - 60_000);
    // Older than 24 h: outside the window.
    stores.availability.record("console", HOST, "timeout", now - 90_000_000);
    const answer = await fleetAvailability([registry], {
      embedded: stores,
      minPct: 99,
      now,
    });
    expect(answer).toMatchObject({ source: "embedded", since: "2026-12-05T00:00:00.000Z" });
    expect(answer.replicas[replicaKey(registry.id, "westeurope")]).toMatchObject({
      pct: 50,
      total: 2,
    });
  });
});
