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

/** The wildcard blob host for a registry without dedicated data endpoints (lib/cloud.ts). */
export { blobWildcardHost } from "@/lib/cloud";
