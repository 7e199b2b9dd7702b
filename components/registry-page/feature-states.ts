import { blobWildcardHost } from "@/lib/endpoints";
import type { Registry } from "@/lib/types";

export interface FeatureState {
  /** The feature as Azure names it. */
  name: string;
  /** The ARM property that holds it. */
  property: string;
  /** Short state for a badge: On, Off, Not available. */
  state: "On" | "Off" | "Not available";
  /** One sentence: what the state means for clients. */
  explanation: string;
}

/**
 * Regional endpoints: registry-wide, `properties.regionalEndpoints`. Not to be confused with a
 * replica's global endpoint routing, which the Replicas table shows.
 */
export function regionalEndpointsState(
  registry: Pick<Registry, "sku" | "regionalEndpoints">,
): FeatureState {
  const base = { name: "Regional endpoints", property: "properties.regionalEndpoints" };
  switch (registry.regionalEndpoints) {
    case "Enabled":
      return {
        ...base,
        state: "On",
        explanation:
          "Each replica also has its own login server (listed under Endpoints) that always reaches that replica, whatever the global routing does.",
      };
    case "Disabled":
      return {
        ...base,
        state: "Off",
        explanation:
          "Clients can only use the global login server, which routes each of them to a replica; no per-replica login server exists.",
      };
    default:
      return {
        ...base,
        state: "Not available",
        explanation: `The ${registry.sku} SKU cannot have per-replica login servers: regional endpoints need Premium.`,
      };
  }
}

/** Dedicated data endpoints: registry-wide, `properties.dataEndpointEnabled`; where layers download from. */
export function dataEndpointsState(
  registry: Pick<Registry, "dataEndpointEnabled" | "loginServer">,
): FeatureState {
  const base = { name: "Dedicated data endpoints", property: "properties.dataEndpointEnabled" };
  return registry.dataEndpointEnabled
    ? {
        ...base,
        state: "On",
        explanation:
          "Image layers download from one data host per replica (listed under Endpoints), which a firewall can allow by exact name.",
      }
    : {
        ...base,
        state: "Off",
        explanation: `Image layers download from Azure Storage hosts under ${blobWildcardHost(registry.loginServer)}, which a firewall has to allow by wildcard.`,
      };
}

/**
 * Global endpoint routing of one replica (`regionEndpointEnabled`): whether the global login
 * server sends clients to it. Per replica, unlike regional endpoints.
 */
export function globalRoutingExplanation(): string {
  return "Global endpoint routing is set per replica (ARM property regionEndpointEnabled): when off, the global login server stops sending clients to that replica; it keeps syncing, and its regional login server (if regional endpoints are on) keeps working.";
}
