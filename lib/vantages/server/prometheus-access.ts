import "server-only";
import { prometheusAuthorization } from "@/lib/azure/prometheus-credential";
import { getServerConfig, getVantageSettings } from "@/lib/env";
import type { PrometheusAccess } from "./prometheus";

const holder = globalThis as typeof globalThis & {
  __acrPrometheusAccess?: { key: string; access: PrometheusAccess };
};

/**
 * How the console reaches Prometheus (`PROMETHEUS_URL`, `PROMETHEUS_AUTH`, `PROMETHEUS_SCOPE`),
 * or undefined when it is not configured (the embedded history answers). One credential per
 * process and configuration, so its token is reused across requests.
 */
export function prometheusAccess(): PrometheusAccess | undefined {
  const settings = getVantageSettings();
  if (!settings.prometheusUrl) return undefined;
  const config = settings.prometheusAuth === "azure" ? getServerConfig() : undefined;
  const key = JSON.stringify([
    settings.prometheusUrl,
    settings.prometheusAuth,
    settings.prometheusScope ?? null,
    config?.authority ?? null,
    config?.caPem ?? null,
  ]);
  if (holder.__acrPrometheusAccess?.key !== key) {
    holder.__acrPrometheusAccess = {
      key,
      access: {
        baseUrl: settings.prometheusUrl,
        ...(config ? { authorize: prometheusAuthorization(settings, config) } : {}),
      },
    };
  }
  return holder.__acrPrometheusAccess.access;
}
