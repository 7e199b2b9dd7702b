/**
 * Reading facts out of host names that ARM returned. Nothing here builds a host name from a
 * registry name: regional and data hosts come from `regionalEndpointHostNames` and
 * `dataEndpointHostNames`, the global one from `loginServer`.
 */

/**
 * The region of a regional (`<name>.<region>.geo.<suffix>`) or data
 * (`<name>.<region>.data.<suffix>`) host: its second DNS label, as `az acr show-endpoints` reads it.
 * Returns null for a host with fewer than three labels.
 */
export function regionOfHost(host: string): string | null {
  const labels = host.toLowerCase().split(".");
  return labels.length >= 3 && labels[1] ? labels[1] : null;
}

/**
 * Storage suffix of the cloud a login server lives in. Without dedicated data endpoints, layers are
 * served from `*.blob.<storage suffix>`; the Azure CLI takes the suffix from the cloud it is
 * signed in to, the console from the login server's own DNS suffix.
 */
const STORAGE_SUFFIX_BY_REGISTRY_SUFFIX: Record<string, string> = {
  "azurecr.io": "core.windows.net",
  "azurecr.cn": "core.chinacloudapi.cn",
  "azurecr.us": "core.usgovcloudapi.net",
};

/** The wildcard blob host for a registry without dedicated data endpoints. */
export function blobWildcardHost(loginServer: string): string {
  const labels = loginServer.toLowerCase().split(".");
  const suffix = labels.slice(-2).join(".");
  return `*.blob.${STORAGE_SUFFIX_BY_REGISTRY_SUFFIX[suffix] ?? "core.windows.net"}`;
}
