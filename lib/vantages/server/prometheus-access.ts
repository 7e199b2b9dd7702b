import "server-only";
import { prometheusAuthorization } from "@/lib/azure/prometheus-credential";
import { caPostFetch } from "@/lib/auth/server/ca-fetch";
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
  const config =
    settings.prometheusAuth === "azure" || settings.prometheusUrl.startsWith("https:")
      ? getServerConfig()
      : undefined;
  // Against the emulator the console trusts its CA (next to the public roots) for an https
  // Prometheus too, as for ARM and the sign-in: its stand-ins carry the emulator's certificates.
  const caPem =
    config?.mode === "emulator" && settings.prometheusUrl.startsWith("https:")
      ? config.caPem
      : undefined;
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
        ...(config && settings.prometheusAuth === "azure"
          ? { authorize: prometheusAuthorization(settings, config) }
          : {}),
        ...(caPem ? { fetch: caPostFetch(caPem) as typeof fetch } : {}),
      },
    };
  }
  return holder.__acrPrometheusAccess.access;
}
