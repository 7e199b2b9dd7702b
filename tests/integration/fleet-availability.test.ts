import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { GET as getFleet } from "@/app/api/fleet/route";
import { replicaKey } from "@/lib/fleet/shared/availability";
import type { FleetSnapshot } from "@/lib/fleet/shared/types";
import { sharedFleetSweep, stopSharedFleetSweep } from "@/lib/probe/server/sweep/shared-sweep";
import { stopSharedVantages } from "@/lib/vantages/server/shared";
import { control } from "../support/emulator-client";
import { freePort } from "../support/free-port";
import { startPrometheusFront, type PrometheusFront } from "../support/prometheus-front";
import { startPrometheus, type RunningPrometheus } from "../support/prometheus-process";
import { callRoute, pointConsoleAtEmulator, tokenFor } from "./console-api-support";
import { until as waitFor } from "../support/until";

/*
 * Each replica's availability over 24 h on GET /api/fleet: the fleet sweep probes every endpoint
 * of the caller's fleet once a second here, a region is taken down for a few rounds, and the
 * figure comes from the console's embedded history, then from a real Prometheus scraping the
 * console's /metrics, then through an HTTPS stand-in of Azure Monitor's query endpoint that
 * requires an Entra bearer token (PROMETHEUS_AUTH=azure).
 */

const endpoints = pointConsoleAtEmulator();
/** sharedbase has dedicated data endpoints, one in koreacentral (no other registry is there). */
const DOWN_REGION = "koreacentral";
let prometheus: RunningPrometheus;
let front: PrometheusFront | undefined;

const until = <T>(what: string, read: () => Promise<T | undefined>, ms = 90_000) =>
  waitFor(what, read, ms);

async function fleet(persona: "operator" | "support" = "operator"): Promise<FleetSnapshot> {
  const res = await callRoute(getFleet, { token: await tokenFor(endpoints, persona) });
  expect(res.status).toBe(200);
  return res.body as FleetSnapshot;
}

/** The sweep's complete rounds, awaited. */
async function rounds(n: number) {
  const start = sharedFleetSweep().completedRounds;
  await until(`${n} sweep rounds`, async () =>
    sharedFleetSweep().completedRounds >= start + n ? true : undefined,
  );
}

function sharedbase(snapshot: FleetSnapshot) {
  const registry = snapshot.registries.find((r) => r.name === "sharedbase")!;
  const of = (region: string) => snapshot.availability.replicas[replicaKey(registry.id, region)];
  const up = registry.replicas.find((r) => r.region !== DOWN_REGION && r.dataEndpoint)!.region;
  return { registry, of, up };
}

beforeAll(async () => {
  stopSharedVantages();
  stopSharedFleetSweep();
  await control(endpoints, "reset");
  const metricsPort = await freePort();
  vi.stubEnv("FLEET_SWEEP_INTERVAL_MS", "1000");
  vi.stubEnv("FLEET_SWEEP_TIMEOUT_MS", "800");
  vi.stubEnv("FLEET_AVAILABILITY_MIN_PCT", "99");
  vi.stubEnv("METRICS_LISTEN", `127.0.0.1:${metricsPort}`);
  vi.stubEnv("PROMETHEUS_URL", "");
  prometheus = await startPrometheus(
    [],
    [{ job: "console", targets: [`127.0.0.1:${metricsPort}`] }],
  );
  // The first reading leases the fleet's endpoints to the sweep: a few rounds up, a few with the
  // region down, then up again.
  const first = await fleet();
  expect(first.availability.source).toBe("embedded");
  await rounds(4);
  await control(endpoints, `regions/${DOWN_REGION}`, { down: true });
  await rounds(4);
  await control(endpoints, `regions/${DOWN_REGION}`, { down: false });
  await rounds(2);
}, 240_000);

afterAll(async () => {
  stopSharedFleetSweep();
  stopSharedVantages();
  await control(endpoints, `regions/${DOWN_REGION}`, { down: false });
  await front?.close();
  await prometheus?.stop();
  vi.unstubAllEnvs();
});

describe("availability over 24 h per replica on GET /api/fleet", () => {
  it("from the console's embedded history: the replica that was down for part of the time", async () => {
    const snapshot = await fleet();
    const { of, up } = sharedbase(snapshot);
    expect(snapshot.availability).toMatchObject({ source: "embedded", minPct: 99 });
    expect(Date.parse(snapshot.availability.since!)).toBeLessThanOrEqual(Date.now());
    const down = of(DOWN_REGION)!;
    expect(down.vantage).toBe("console");
    expect(down.pct).toBeGreaterThan(0);
    expect(down.pct).toBeLessThan(100);
    expect(down.total - down.ok).toBeGreaterThanOrEqual(2);
    expect(of(up)).toMatchObject({ pct: 100, vantage: "console" });
    // Below the threshold with enough probes: a Needs-attention item.
    const item = snapshot.attention.find(
      (i) => i.reason === "availability-low" && i.region === DOWN_REGION,
    );
    expect(item?.registryName).toBe("sharedbase");
    expect(item?.detail).toMatch(/% available over 24 h from console/);
  });

  it("tells a reader of one subscription only of its own registries' replicas", async () => {
    const support = await fleet("support");
    const own = new Set(support.registries.map((r) => r.id.toLowerCase()));
    expect(support.registries.some((r) => r.name === "sharedbase")).toBe(false);
    for (const key of Object.keys(support.availability.replicas)) {
      expect(own.has(key.split("|")[0]!)).toBe(true);
    }
    const { registry } = sharedbase(await fleet());
    expect(JSON.stringify(support.availability)).not.toContain(registry.id.toLowerCase());
  });

  it("from a real Prometheus scraping the console's /metrics (the sweep's probe counters)", async () => {
    vi.stubEnv("PROMETHEUS_URL", prometheus.url);
    const snapshot = await until("Prometheus's figures", async () => {
      const s = await fleet();
      const down = sharedbase(s).of(DOWN_REGION);
      // Prometheus saw the counters from its first scrape on: wait for ok probes on both sides.
      return s.availability.source === "prometheus" && down && down.pct > 0 && down.pct < 100
        ? s
        : undefined;
    });
    const { of, up } = sharedbase(snapshot);
    expect(snapshot.availability.since).toBeNull();
    expect(snapshot.availability.error).toBeUndefined();
    expect(of(DOWN_REGION)!.pct).toBeGreaterThan(0);
    expect(of(DOWN_REGION)!.vantage).toBe("console");
    expect(of(up)!.pct).toBe(100);
    vi.stubEnv("PROMETHEUS_URL", "");
  }, 120_000);

  it("costs the figures, not the page, when Prometheus does not answer or is misconfigured", async () => {
    vi.stubEnv("PROMETHEUS_URL", `http://127.0.0.1:${await freePort()}`);
    const unreachable = await fleet();
    expect(unreachable.availability.error?.code).toBe("PrometheusUnavailable");
    expect(unreachable.registries.length).toBeGreaterThan(0);
    vi.stubEnv("PROMETHEUS_URL", "ftp://prometheus.example");
    const misconfigured = await fleet();
    expect(misconfigured.availability.error).toMatchObject({ code: "ConfigurationError" });
    expect(misconfigured.availability.error?.message).toMatch(/PROMETHEUS_URL/);
    vi.stubEnv("PROMETHEUS_URL", "");
  });

  it("through Azure Monitor's query endpoint with an Entra token (PROMETHEUS_AUTH=azure)", async () => {
    front = await startPrometheusFront(endpoints, inject("emulatorDir"), prometheus.url);
    vi.stubEnv("PROMETHEUS_URL", front.url);
    // Without a token the workspace refuses: the page gets no figures and the reason.
    vi.stubEnv("PROMETHEUS_AUTH", "none");
    const refused = await fleet();
    expect(refused.availability.error?.code).toBe("PrometheusUnauthorized");
    expect(refused.availability.replicas).toEqual({});
    expect(front.seen.at(-1)).toMatchObject({ ok: false, reason: "no bearer" });

    // DefaultAzureCredential's service principal from the environment (the automation client).
    vi.stubEnv("PROMETHEUS_AUTH", "azure");
    vi.stubEnv("AZURE_TENANT_ID", endpoints.tenantId);
    vi.stubEnv("AZURE_CLIENT_ID", endpoints.automationClient.clientId);
    vi.stubEnv("AZURE_CLIENT_SECRET", endpoints.automationClient.clientSecret);
    const first = await fleet();
    const second = await fleet();
    for (const snapshot of [first, second]) {
      expect(snapshot.availability.error).toBeUndefined();
      expect(snapshot.availability.source).toBe("prometheus");
      expect(sharedbase(snapshot).of(DOWN_REGION)!.pct).toBeLessThan(100);
    }
    const accepted = front.seen.filter((s) => s.ok);
    expect(accepted.length).toBeGreaterThanOrEqual(2);
    expect(accepted.every((s) => s.aud === "https://prometheus.monitor.azure.com")).toBe(true);
    expect(accepted.every((s) => s.path === "/api/v1/query")).toBe(true);
    // The token reaches neither the caller nor the answer.
    expect(JSON.stringify(first)).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
  }, 120_000);
});
