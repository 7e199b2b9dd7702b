import "server-only";
import { parseRegistryId } from "../../arm-id";
import type { FleetRegistry, FleetReplica } from "../../fleet/shared/types";
import type { ProvisioningState, Sku } from "../../types";
import { normalizeRegion } from "../map";

/**
 * The console's Resource Graph query: registries and their replications, projected to the fields
 * the fleet view needs, in id order (a registry's row comes just before its replications').
 * Within the emulator's documented KQL subset and plain KQL for Azure.
 */
export const FLEET_QUERY = [
  "resources",
  "| where type in~ ('microsoft.containerregistry/registries', 'microsoft.containerregistry/registries/replications')",
  "| project id, name, type, location, resourceGroup, subscriptionId, sku = sku.name," +
    " loginServer = properties.loginServer, provisioningState = properties.provisioningState," +
    " dataEndpointEnabled = properties.dataEndpointEnabled, dataEndpointHostNames = properties.dataEndpointHostNames," +
    " regionalEndpoints = properties.regionalEndpoints, regionalEndpointHostNames = properties.regionalEndpointHostNames," +
    " status = properties.status, regionEndpointEnabled = properties.regionEndpointEnabled",
  "| order by id asc",
].join("\n");

const REGISTRY_TYPE = "microsoft.containerregistry/registries";
const REPLICATION_TYPE = "microsoft.containerregistry/registries/replications";

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);
const strings = (v: unknown): string[] | null =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : null;

function skuOf(v: unknown): Sku {
  return v === "Premium" || v === "Standard" ? v : "Basic";
}

/** The region of a regional or data host: its second DNS label (ACR-FACTS.md). */
function regionOfHost(host: string): string {
  return (host.split(".")[1] ?? "").toLowerCase();
}

function byRegion(hosts: string[] | null): Map<string, string> {
  return new Map((hosts ?? []).map((h) => [regionOfHost(h), h]));
}

interface RegistryDraft {
  registry: FleetRegistry;
  regional: Map<string, string> | null;
  data: Map<string, string>;
}

/**
 * Resource Graph rows (FLEET_QUERY) as the fleet's registries with their replicas. A property the
 * row does not carry (Resource Graph may lack preview properties such as `regionalEndpoints`) is
 * "Unknown", never taken as off. Replications whose registry is not among the rows are dropped.
 */
export function fleetFromGraphRows(
  rows: readonly Record<string, unknown>[],
  asOf: string,
): FleetRegistry[] {
  const drafts = new Map<string, RegistryDraft>();
  for (const row of rows) {
    if (String(row.type).toLowerCase() !== REGISTRY_TYPE) continue;
    const id = str(row.id);
    const ref = id ? parseRegistryId(id) : undefined;
    if (!id || !ref) continue;
    const sku = skuOf(row.sku);
    const carried = typeof row.regionalEndpoints === "string";
    const regionalEndpoints: FleetRegistry["regionalEndpoints"] =
      sku !== "Premium"
        ? "NotAvailable"
        : !carried
          ? "Unknown"
          : row.regionalEndpoints === "Enabled"
            ? "Enabled"
            : "Disabled";
    drafts.set(id.toLowerCase(), {
      registry: {
        id,
        subscriptionId: str(row.subscriptionId) ?? ref.subscriptionId,
        resourceGroup: str(row.resourceGroup) ?? ref.resourceGroup,
        name: str(row.name) ?? ref.name,
        location: normalizeRegion(str(row.location)),
        sku,
        loginServer: str(row.loginServer) ?? "",
        provisioningState: (str(row.provisioningState) ?? "Succeeded") as ProvisioningState,
        regionalEndpoints,
        dataEndpointEnabled: row.dataEndpointEnabled === true,
        replicas: [],
        source: "resource-graph",
        asOf,
      },
      regional:
        regionalEndpoints === "Enabled"
          ? byRegion(strings(row.regionalEndpointHostNames))
          : regionalEndpoints === "Unknown"
            ? null
            : new Map(),
      data:
        row.dataEndpointEnabled === true ? byRegion(strings(row.dataEndpointHostNames)) : new Map(),
    });
  }
  for (const row of rows) {
    if (String(row.type).toLowerCase() !== REPLICATION_TYPE) continue;
    const id = str(row.id);
    const parent = id ? parseRegistryId(id) : undefined;
    if (!id || !parent) continue;
    const draft = drafts.get(
      `/subscriptions/${parent.subscriptionId}/resourceGroups/${parent.resourceGroup}/providers/Microsoft.ContainerRegistry/registries/${parent.name}`.toLowerCase(),
    );
    if (!draft) continue;
    const region = normalizeRegion(str(row.location));
    const status = (
      typeof row.status === "object" && row.status !== null ? row.status : {}
    ) as Record<string, unknown>;
    const replica: FleetReplica = {
      id,
      name: str(row.name) ?? region,
      region,
      isHome: region === draft.registry.location,
      provisioningState: (str(row.provisioningState) ?? "Succeeded") as ProvisioningState,
      status: {
        ...(str(status.displayStatus) ? { displayStatus: str(status.displayStatus) } : {}),
        ...(str(status.message) ? { message: str(status.message) } : {}),
        ...(str(status.timestamp) ? { timestamp: str(status.timestamp) } : {}),
      },
      globalEndpointRouting: row.regionEndpointEnabled !== false,
      dataEndpoint: draft.data.get(region) ?? null,
    };
    if (draft.regional) replica.regionalEndpoint = draft.regional.get(region) ?? null;
    draft.registry.replicas.push(replica);
  }
  return [...drafts.values()].map((d) => {
    d.registry.replicas.sort(
      (a, b) => Number(b.isHome) - Number(a.isHome) || a.region.localeCompare(b.region),
    );
    return d.registry;
  });
}
