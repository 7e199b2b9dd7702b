import { afterEach, describe, expect, it, vi } from "vitest";
import { prometheusScope } from "@/lib/azure/prometheus-credential";
import { CLOUD_NAMES, resolveCloud } from "@/lib/cloud";
import { getFleetSettings, getVantageSettings, type ServerConfig } from "@/lib/env";

afterEach(() => vi.unstubAllEnvs());

const config = (name: (typeof CLOUD_NAMES)[number]) =>
  ({ cloud: resolveCloud(name) }) as unknown as ServerConfig;

describe("PROMETHEUS_AUTH and its scope", () => {
  it("is off unless asked for", () => {
    vi.stubEnv("PROMETHEUS_AUTH", "");
    expect(getVantageSettings().prometheusAuth).toBe("none");
    vi.stubEnv("PROMETHEUS_AUTH", "Azure");
    expect(getVantageSettings().prometheusAuth).toBe("azure");
    vi.stubEnv("PROMETHEUS_AUTH", "basic");
    expect(() => getVantageSettings()).toThrow(/PROMETHEUS_AUTH must be none or azure/);
  });

  it.each([
    ["AzureCloud", "https://prometheus.monitor.azure.com/.default"],
    ["AzureUSGovernment", "https://prometheus.monitor.azure.us/.default"],
    ["AzureChinaCloud", "https://prometheus.monitor.azure.cn/.default"],
  ] as const)("asks %s's Entra for %s", (cloud, scope) => {
    vi.stubEnv("PROMETHEUS_SCOPE", "");
    expect(prometheusScope(getVantageSettings(), config(cloud))).toBe(scope);
  });

  it("takes PROMETHEUS_SCOPE instead when set, and only an https scope", () => {
    vi.stubEnv("PROMETHEUS_SCOPE", "https://prometheus.example/.default");
    expect(prometheusScope(getVantageSettings(), config("AzureCloud"))).toBe(
      "https://prometheus.example/.default",
    );
    vi.stubEnv("PROMETHEUS_SCOPE", "http://prometheus.example/.default");
    expect(() => getVantageSettings()).toThrow(/PROMETHEUS_SCOPE/);
  });
});

describe("FLEET_AVAILABILITY_MIN_PCT", () => {
  it.each([
    ["", 99],
    ["99.9", 99.9],
    ["100", 100],
    ["0", 0],
  ])("%j gives %s", (value, pct) => {
    vi.stubEnv("FLEET_AVAILABILITY_MIN_PCT", value);
    expect(getFleetSettings().availabilityMinPct).toBe(pct);
  });

  it.each(["101", "-1", "99%", "ninety"])("refuses %j", (value) => {
    vi.stubEnv("FLEET_AVAILABILITY_MIN_PCT", value);
    expect(() => getFleetSettings()).toThrow(/FLEET_AVAILABILITY_MIN_PCT/);
  });
});
