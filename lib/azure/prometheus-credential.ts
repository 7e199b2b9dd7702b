import "server-only";
import { DefaultAzureCredential } from "@azure/identity";
import { PROMETHEUS_RESOURCES } from "@/lib/cloud";
import type { ServerConfig, VantageSettings } from "@/lib/env";
import { ApiError } from "@/lib/errors";

/** Renew the token this long before it expires. */
const RENEW_BEFORE_MS = 5 * 60_000;

/** The scope of Prometheus tokens: `PROMETHEUS_SCOPE`, else the cloud's query API resource. */
export function prometheusScope(settings: VantageSettings, config: ServerConfig): string {
  return settings.prometheusScope ?? `${PROMETHEUS_RESOURCES[config.cloud.name]}/.default`;
}

/**
 * The `Authorization` header of the console's Prometheus queries when `PROMETHEUS_AUTH=azure`:
 * a bearer token from `DefaultAzureCredential` (a service principal from the environment, AKS
 * workload identity, a managed identity, then developer tools; `PROMETHEUS_CLIENT_ID` names a
 * user-assigned identity, since `AZURE_CLIENT_ID` is the console's sign-in app) for the Azure
 * Monitor query API's scope. Against the emulator, its sign-in and CA. The token is kept until
 * five minutes before it expires and is never logged; a refusal becomes an ApiError naming the
 * credential's message without any secret.
 */
export function prometheusAuthorization(
  settings: VantageSettings,
  config: ServerConfig,
  clientId = process.env.PROMETHEUS_CLIENT_ID?.trim() || undefined,
): () => Promise<string> {
  const scope = prometheusScope(settings, config);
  const emulator = config.mode === "emulator";
  const credential = new DefaultAzureCredential({
    ...(clientId ? { managedIdentityClientId: clientId, workloadIdentityClientId: clientId } : {}),
    ...(emulator
      ? {
          authorityHost: process.env.AZURE_AUTHORITY_HOST || new URL(config.authority).origin,
          tenantId: process.env.AZURE_TENANT_ID || config.tenantId,
          disableInstanceDiscovery: true,
          // core-rest-pipeline hands these to the HTTPS agent, which takes a CA.
          ...(config.caPem ? { tlsOptions: { ca: config.caPem } as object } : {}),
        }
      : {}),
  } as ConstructorParameters<typeof DefaultAzureCredential>[0]);
  let held: { header: string; renewAt: number } | undefined;
  let pending: Promise<string> | undefined;
  return async () => {
    if (held && Date.now() < held.renewAt) return held.header;
    pending ??= credential
      .getToken(scope)
      .then((token) => {
        held = {
          header: `Bearer ${token.token}`,
          renewAt: token.expiresOnTimestamp - RENEW_BEFORE_MS,
        };
        return held.header;
      })
      .catch((error: unknown) => {
        const reason = error instanceof Error ? error.message.split("\n")[0]!.slice(0, 300) : "";
        throw new ApiError(
          502,
          "PrometheusCredentialUnavailable",
          `The console could not get an Entra token for Prometheus (PROMETHEUS_AUTH=azure, scope ${scope}): ${reason}`,
        );
      })
      .finally(() => {
        pending = undefined;
      });
    return pending;
  };
}
