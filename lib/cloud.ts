/**
 * The Azure clouds the console runs in, and every host name that depends on the cloud: ARM's
 * endpoint and the resource its tokens are issued for, the identity provider, the issuers of ARM
 * tokens, the registries' login-server suffix and the storage suffix of layer downloads. One
 * table, selected by `AZURE_CLOUD` (lib/env.ts) with explicit overrides; nothing else in the
 * console spells these host names.
 *
 * Pure data and functions, loaded by server and browser code alike.
 */

export const CLOUD_NAMES = ["AzureCloud", "AzureUSGovernment", "AzureChinaCloud"] as const;
export type CloudName = (typeof CLOUD_NAMES)[number];

export interface Cloud {
  name: CloudName;
  /** ARM's base URL, no trailing slash. */
  armEndpoint: string;
  /** The resource ARM tokens are asked for (`<resource>/.default`, `/user_impersonation`). */
  armResource: string;
  /** Every `aud` ARM accepts in a token of this cloud (with and without trailing slash). */
  armAudiences: string[];
  /** The identity provider (Entra ID) of the cloud, no trailing slash. */
  authorityHost: string;
  /**
   * The host of the v1 token issuer (`https://<host>/<tenant>/`), which ARM access tokens carry
   * by default; null where the table does not know it (then only v2 issuers are accepted).
   */
  v1IssuerHost: string | null;
  /** DNS suffix of the registries' host names: `<name>.<suffix>`, `.<region>.geo.`, `.data.`. */
  registrySuffix: string;
  /** Storage suffix: layers of registries without dedicated data endpoints come from `*.blob.<it>`. */
  storageSuffix: string;
}

/** The three clouds (see the README's "Sovereign clouds" for sources and what is unverified). */
export const CLOUDS: Record<CloudName, Cloud> = {
  AzureCloud: {
    name: "AzureCloud",
    armEndpoint: "https://management.azure.com",
    armResource: "https://management.azure.com",
    armAudiences: audiences("https://management.azure.com", "https://management.core.windows.net"),
    authorityHost: "https://login.microsoftonline.com",
    v1IssuerHost: "https://sts.windows.net",
    registrySuffix: "azurecr.io",
    storageSuffix: "core.windows.net",
  },
  AzureUSGovernment: {
    name: "AzureUSGovernment",
    armEndpoint: "https://management.usgovcloudapi.net",
    armResource: "https://management.usgovcloudapi.net",
    armAudiences: audiences(
      "https://management.usgovcloudapi.net",
      "https://management.core.usgovcloudapi.net",
    ),
    authorityHost: "https://login.microsoftonline.us",
    v1IssuerHost: null,
    registrySuffix: "azurecr.us",
    storageSuffix: "core.usgovcloudapi.net",
  },
  AzureChinaCloud: {
    name: "AzureChinaCloud",
    armEndpoint: "https://management.chinacloudapi.cn",
    armResource: "https://management.chinacloudapi.cn",
    armAudiences: audiences(
      "https://management.chinacloudapi.cn",
      "https://management.core.chinacloudapi.cn",
    ),
    authorityHost: "https://login.chinacloudapi.cn",
    v1IssuerHost: null,
    registrySuffix: "azurecr.cn",
    storageSuffix: "core.chinacloudapi.cn",
  },
};

/**
 * The resource of Azure Monitor managed Prometheus's query API (tokens for `<it>/.default`).
 * AzureCloud's is Microsoft's documented one ("Query Prometheus metrics using the API and
 * PromQL"); the US Government and China ones are not in that article: they are the values
 * Grafana's and KEDA's cloud tables use (PROMETHEUS_SCOPE overrides).
 */
export const PROMETHEUS_RESOURCES: Record<CloudName, string> = {
  AzureCloud: "https://prometheus.monitor.azure.com",
  AzureUSGovernment: "https://prometheus.monitor.azure.us",
  AzureChinaCloud: "https://prometheus.monitor.azure.cn",
};

function audiences(...resources: string[]): string[] {
  return resources.flatMap((r) => [r, `${r}/`]);
}

/** Explicit overrides of a cloud's entries (each already validated as an https URL or suffix). */
export interface CloudOverrides {
  armEndpoint?: string;
  authorityHost?: string;
  registrySuffix?: string;
}

/**
 * The cloud `name` (default AzureCloud) with the overrides applied. Overriding the authority host
 * drops the table's v1 issuer: an identity provider the table does not describe has no known
 * v1 issuer host.
 */
export function resolveCloud(
  name: CloudName = "AzureCloud",
  overrides: CloudOverrides = {},
): Cloud {
  const base = CLOUDS[name];
  const authorityChanged =
    overrides.authorityHost !== undefined && overrides.authorityHost !== base.authorityHost;
  return {
    ...base,
    ...(overrides.armEndpoint ? { armEndpoint: overrides.armEndpoint } : {}),
    ...(overrides.authorityHost ? { authorityHost: overrides.authorityHost } : {}),
    ...(overrides.registrySuffix ? { registrySuffix: overrides.registrySuffix } : {}),
    v1IssuerHost: authorityChanged ? null : base.v1IssuerHost,
  };
}

/** The issuers an ARM token of `tenantId` may carry in this cloud: v1 (when known), then v2. */
export function tokenIssuers(cloud: Cloud, tenantId: string): string[] {
  const v2 = `${cloud.authorityHost}/${tenantId}/v2.0`;
  return cloud.v1IssuerHost ? [`${cloud.v1IssuerHost}/${tenantId}/`, v2] : [v2];
}

/** The cloud whose registry suffix `host` (a login server, regional or data host) ends with. */
export function cloudOfRegistryHost(host: string): Cloud | null {
  const h = host.toLowerCase().replace(/\.$/, "");
  return Object.values(CLOUDS).find((c) => h.endsWith(`.${c.registrySuffix}`)) ?? null;
}

/**
 * True when `host` is a registry host name under `suffix`: one or more labels (letters, digits,
 * hyphens) before `.<suffix>`, nothing else (no port, no wildcard).
 */
export function isRegistryHost(host: string, suffix: string): boolean {
  const h = host.toLowerCase();
  const s = `.${suffix.toLowerCase()}`;
  if (!h.endsWith(s)) return false;
  const labels = h.slice(0, -s.length).split(".");
  return labels.every((l) => /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(l));
}

/**
 * The wildcard blob host for a registry without dedicated data endpoints, from its login
 * server's own cloud (the Azure CLI takes it from the cloud it is signed in to); a host of no
 * known cloud gets the public cloud's.
 */
export function blobWildcardHost(loginServer: string): string {
  const cloud = cloudOfRegistryHost(loginServer) ?? CLOUDS.AzureCloud;
  return `*.blob.${cloud.storageSuffix}`;
}
