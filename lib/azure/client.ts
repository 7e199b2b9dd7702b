import "server-only";
import type { AccessToken, TokenCredential } from "@azure/core-auth";
import type { HttpClient } from "@azure/core-rest-pipeline";
import { ContainerRegistryManagementClient } from "@azure/arm-containerregistry";
import { MonitorClient } from "@azure/arm-monitor";
import {
  createContainerRegistryManagement,
  type ContainerRegistryManagementClientOptionalParams,
  type ContainerRegistryManagementContext,
} from "@azure/arm-containerregistry/api";
import { REGIONAL_ENDPOINTS_API_VERSION } from "../arm-constants";
import { getServerConfig, getSettings, type ServerConfig } from "../env";
import {
  armCallLogPolicy,
  armErrorBodyPolicy,
  armOriginPolicy,
  armTimeoutPolicy,
} from "./policies";

/** The caller's own ARM access token, already verified by the route. */
export interface BearerToken {
  token: string;
  /** Milliseconds since the epoch. */
  expiresOnTimestamp: number;
}

/** api-version of the typed SDK (12.x). */
export const SDK_API_VERSION = "2025-11-01";
export const SUBSCRIPTIONS_API_VERSION = "2022-12-01";

/**
 * A TokenCredential that hands the SDK the caller's own token, whatever scope it asks for: the
 * console holds no rights of its own, ARM decides what the caller may do.
 */
export function callerCredential(caller: BearerToken): TokenCredential {
  return {
    async getToken(): Promise<AccessToken> {
      return { token: caller.token, expiresOnTimestamp: caller.expiresOnTimestamp };
    },
  };
}

/** What ARM clients need of the configuration (the console's, or a probe agent's). */
export type ArmClientConfig = Pick<ServerConfig, "armEndpoint" | "armScopes" | "caPem">;

function clientOptions(
  config: ArmClientConfig,
  httpClient: HttpClient | undefined,
  timeoutMs: number,
): ContainerRegistryManagementClientOptionalParams {
  return {
    // `$host`/`baseUri` are ignored by the SDK: only `endpoint` points it at another ARM, and
    // with a custom endpoint the scope must be given or it becomes `<endpoint>/.default`.
    endpoint: config.armEndpoint,
    credentials: { scopes: config.armScopes },
    ...(config.caPem ? { tlsOptions: { ca: config.caPem } } : {}),
    userAgentOptions: { userAgentPrefix: "acr-geo-console" },
    // ARM does not redirect; a redirect would take the caller's token to wherever it points.
    redirectOptions: { maxRetries: 0 },
    additionalPolicies: [
      { policy: armOriginPolicy(config.armEndpoint), position: "perRetry" },
      { policy: armTimeoutPolicy(timeoutMs), position: "perRetry" },
      { policy: armCallLogPolicy(), position: "perRetry" },
      { policy: armErrorBodyPolicy(), position: "perRetry" },
    ],
    ...(httpClient ? { httpClient } : {}),
  };
}

/** The ARM clients of one request, all sending the caller's token through one configuration. */
export interface ArmClients {
  /** The SDK's request context at an api-version, for reads and writes the typed models lack. */
  context(apiVersion?: string): ContainerRegistryManagementContext;
  /** The typed SDK client for one subscription (api-version 2025-11-01). */
  typed(subscriptionId: string): ContainerRegistryManagementClient;
  /** Azure Monitor's management client for one subscription (the Activity Log). */
  monitor(subscriptionId: string): MonitorClient;
  /** ARM base URL (for checking that `nextLink`s stay on ARM). */
  armEndpoint: string;
}

/**
 * The one factory of ARM clients: endpoint, scopes and CA from the server configuration, the
 * caller's token as credential. Build one per request; it caches contexts per api-version and
 * typed clients per subscription so a request reuses its connections.
 */
export function createArmClients(
  caller: BearerToken,
  /** Tests only: answers ARM's requests instead of the network. */
  transport?: { httpClient: HttpClient },
): ArmClients {
  return armClientsWith(
    callerCredential(caller),
    getServerConfig(),
    getSettings().armTimeoutMs,
    transport?.httpClient,
  );
}

/**
 * ARM clients with any credential: the caller's token (`createArmClients`), or a probe agent's
 * own identity (`DefaultAzureCredential`).
 */
export function armClientsWith(
  credential: TokenCredential,
  config: ArmClientConfig,
  timeoutMs: number,
  httpClient?: HttpClient,
): ArmClients {
  const options = clientOptions(config, httpClient, timeoutMs);
  const contexts = new Map<string, ContainerRegistryManagementContext>();
  const typedClients = new Map<string, ContainerRegistryManagementClient>();
  const monitorClients = new Map<string, MonitorClient>();
  return {
    armEndpoint: config.armEndpoint,
    context(apiVersion = REGIONAL_ENDPOINTS_API_VERSION) {
      let ctx = contexts.get(apiVersion);
      if (!ctx) {
        // Subscription-agnostic: callers give full paths through pathUnchecked.
        ctx = createContainerRegistryManagement(credential, "", { ...options, apiVersion });
        contexts.set(apiVersion, ctx);
      }
      return ctx;
    },
    typed(subscriptionId) {
      let client = typedClients.get(subscriptionId);
      if (!client) {
        client = new ContainerRegistryManagementClient(credential, subscriptionId, options);
        typedClients.set(subscriptionId, client);
      }
      return client;
    },
    monitor(subscriptionId) {
      let client = monitorClients.get(subscriptionId);
      if (!client) {
        client = new MonitorClient(credential, subscriptionId, options);
        monitorClients.set(subscriptionId, client);
      }
      return client;
    },
  };
}
