import { blobWildcardHost } from "@/lib/endpoints/host";
import type { Registry } from "@/lib/types";

/** A storage account name: 3 to 24 lowercase letters and digits. */
const STORAGE_ACCOUNT = /^[a-z0-9]{3,24}$/;

export type RedirectTarget =
  | { allowed: true; kind: "data"; region: string | null }
  | { allowed: true; kind: "storage" }
  | { allowed: false; reason: string };

/**
 * Whether a blob redirect may be followed to `host`: only to a data endpoint ARM lists for the
 * registry, or, for a registry without dedicated data endpoints, to Azure Storage's documented
 * blob host names (`*.blob.core.windows.net` in Azure's public cloud). Anything else is not followed.
 */
export function redirectTarget(
  host: string,
  registry: Pick<Registry, "loginServer" | "dataEndpointEnabled" | "dataEndpointHostNames">,
): RedirectTarget {
  const name = host.toLowerCase().replace(/\.$/, "");
  if (registry.dataEndpointEnabled) {
    if (registry.dataEndpointHostNames.some((h) => h.toLowerCase() === name)) {
      return { allowed: true, kind: "data", region: name.split(".")[1] ?? null };
    }
    return {
      allowed: false,
      reason: `${name} is not one of the data endpoints ARM lists for the registry`,
    };
  }
  const wildcard = blobWildcardHost(registry.loginServer);
  const dot = name.indexOf(".");
  if (dot > 0 && `*${name.slice(dot)}` === wildcard && STORAGE_ACCOUNT.test(name.slice(0, dot))) {
    return { allowed: true, kind: "storage" };
  }
  return {
    allowed: false,
    reason: `${name} is neither a data endpoint ARM lists nor an Azure Storage blob host (${wildcard})`,
  };
}
