import { describe, expect, it } from "vitest";
import { ProbeMetrics, registryNameOf, TTFB_BUCKETS } from "@/lib/probe/server/metrics";
import { sample } from "../fixtures";

const regional = {
  host: "reg.westeurope.geo.azurecr.io",
  kind: "regional" as const,
  region: "westeurope",
};
const global = { host: "reg.azurecr.io", kind: "global" as const, region: null };

async function text(metrics: ProbeMetrics): Promise<string> {
  return (await metrics.exposition()).body;
}

describe("probe metrics (Prometheus text format)", () => {
  it("names, labels and the histogram buckets", async () => {
    const metrics = new ProbeMetrics({ vantage: "aks-westeurope" });
    metrics.record(sample(regional, { ttfbMs: 12 }), "Reg");
    const body = await text(metrics);
    const labels =
      'registry="reg",kind="regional",region="westeurope",host="reg.westeurope.geo.azurecr.io",vantage="aks-westeurope"';
    expect(body).toContain("# TYPE acr_probe_ttfb_seconds histogram");
    expect(body).toContain(`acr_probe_ttfb_seconds_bucket{le="0.02",${labels}} 1`);
    expect(body).toContain(`acr_probe_ttfb_seconds_bucket{le="0.01",${labels}} 0`);
    expect(body).toContain(`acr_probe_ttfb_seconds_sum{${labels}} 0.012`);
    expect(body).toContain(`acr_probes_total{${labels},verdict="ok"} 1`);
    expect(body).toContain(`acr_probe_up{${labels}} 1`);
    expect(body).toContain(`acr_probe_ttfb_median_seconds{${labels}} 0.012`);
    expect(body).toContain("# TYPE acr_probe_last_timestamp_seconds gauge");
    for (const le of TTFB_BUCKETS) expect(body).toContain(`le="${le}",${labels}`);
    expect(TTFB_BUCKETS.at(-1)).toBe(5);
  });

  it("puts cold probes into the phase histogram only, one series per phase", async () => {
    const metrics = new ProbeMetrics({ vantage: "v" });
    metrics.record(sample(global, { ttfbMs: 30, reused: false }), "reg");
    const body = await text(metrics);
    expect(body).not.toMatch(/acr_probe_ttfb_seconds_count\{[^}]*\} 1/);
    for (const phase of ["dns", "connect", "tls", "ttfb", "total"]) {
      expect(body).toMatch(
        new RegExp(`acr_probe_cold_phase_seconds_count\\{[^}]*phase="${phase}"\\} 1`),
      );
    }
    expect(body).toContain('region=""');
  });

  it("counts verdicts and sets up to 0 on a failure; a lost probe has no TTFB", async () => {
    const metrics = new ProbeMetrics({ vantage: "v" });
    metrics.record(sample(regional), "reg");
    metrics.record(sample(regional, { verdict: "timeout" }), "reg");
    const body = await text(metrics);
    expect(body).toMatch(/acr_probes_total\{[^}]*verdict="ok"\} 1/);
    expect(body).toMatch(/acr_probes_total\{[^}]*verdict="timeout"\} 1/);
    expect(body).toMatch(/acr_probe_up\{[^}]*\} 0/);
    expect(body).toMatch(/acr_probe_ttfb_seconds_count\{[^}]*\} 1/);
  });

  it("removes every series of a host no longer probed", async () => {
    const metrics = new ProbeMetrics({ vantage: "v" });
    metrics.record(sample(regional), "reg");
    metrics.record(sample(regional, { verdict: "throttled" }), "reg");
    metrics.forget(regional.host);
    expect(await text(metrics)).not.toContain(regional.host);
  });

  it("reports the engine's state at scrape time and how late probes started", async () => {
    const metrics = new ProbeMetrics({ vantage: "v" });
    const engine = {
      load: { limit: 200, inFlight: 37, waiting: 5 },
      activeHosts: () => ["a.test", "b.test", "c.test"],
    };
    metrics.watchEngine(engine);
    metrics.record({ ...sample(regional), lagMs: 3 }, "reg");
    metrics.record({ ...sample(regional), lagMs: 700 }, "reg");
    let body = await text(metrics);
    expect(body).toContain('acr_probe_engine_endpoints{vantage="v"} 3');
    expect(body).toContain('acr_probe_engine_in_flight_limit{vantage="v"} 200');
    expect(body).toContain('acr_probe_engine_in_flight{vantage="v"} 37');
    expect(body).toContain('acr_probe_engine_waiting{vantage="v"} 5');
    expect(body).toContain('acr_probe_schedule_lag_seconds_bucket{le="0.005",vantage="v"} 1');
    expect(body).toContain('acr_probe_schedule_lag_seconds_bucket{le="0.5",vantage="v"} 1');
    expect(body).toContain('acr_probe_schedule_lag_seconds_bucket{le="1",vantage="v"} 2');
    engine.load = { limit: 180, inFlight: 0, waiting: 0 };
    body = await text(metrics);
    expect(body).toContain('acr_probe_engine_in_flight_limit{vantage="v"} 180');
  });

  it("names the registry from its ARM id", () => {
    expect(
      registryNameOf(
        "/subscriptions/x/resourcegroups/rg/providers/microsoft.containerregistry/registries/ContosoProd",
      ),
    ).toBe("contosoprod");
  });
});
