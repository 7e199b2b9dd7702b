import type { Endpoint, Registry, Replica } from "@/lib/types";
import { blobWildcardHost, regionOfHost } from "./host";

/** One row of the Endpoints table: an endpoint, or a notice that explains a missing kind. */
export type EndpointRow =
  | ({ type: "endpoint"; key: string; routesTo?: string } & Endpoint)
  | { type: "notice"; key: string; kind: Endpoint["kind"]; message: string };

/** The registry fields the endpoint table is computed from (all read from ARM). */
export type EndpointSource = Pick<
  Registry,
  | "name"
  | "sku"
  | "location"
  | "loginServer"
  | "regionalEndpoints"
  | "regionalEndpointHostNames"
  | "dataEndpointEnabled"
  | "dataEndpointHostNames"
>;

/**
 * Replica regions in ARM's list order (what the CLI iterates). Without replicas (Basic,
 * Standard) the registry's own location stands in, as in `az acr show-endpoints`.
 */
function replicaRegions(registry: EndpointSource, replicas: Replica[]): string[] {
  return replicas.length === 0 ? [registry.location] : replicas.map((r) => r.region);
}

/**
 * Every endpoint a client may need to reach, exactly as ARM lists them: the global login server,
 * each regional login server (only while regional endpoints are enabled), and each dedicated data
 * host, or one `*.blob...` wildcard per replica region when there are no dedicated data
 * endpoints (what `az acr show-endpoints` prints).
 */
export function listEndpoints(registry: EndpointSource, replicas: Replica[]): Endpoint[] {
  const endpoints: Endpoint[] = [{ kind: "global", region: null, host: registry.loginServer }];
  if (registry.regionalEndpoints === "Enabled") {
    for (const host of registry.regionalEndpointHostNames) {
      endpoints.push({ kind: "regional", region: regionOfHost(host), host });
    }
  }
  if (registry.dataEndpointEnabled) {
    for (const host of registry.dataEndpointHostNames) {
      endpoints.push({ kind: "data", region: regionOfHost(host), host });
    }
  } else {
    const wildcard = blobWildcardHost(registry.loginServer);
    for (const region of replicaRegions(registry, replicas)) {
      endpoints.push({ kind: "data", region, host: wildcard, wildcard: true });
    }
  }
  return endpoints;
}

function regionalNotice(registry: EndpointSource): string | null {
  if (registry.regionalEndpoints === "NotAvailable") {
    return `Regional endpoints are not available on the ${registry.sku} SKU (Premium only): clients reach the registry through the global login server.`;
  }
  if (registry.regionalEndpoints === "Disabled") {
    return "Regional endpoints are off: there is no per-replica login server, clients reach the registry through the global login server.";
  }
  if (registry.regionalEndpointHostNames.length === 0) {
    return "Regional endpoints are enabled, but ARM lists no regional host names yet.";
  }
  return null;
}

/**
 * Which replicas the global login server routes clients to, from each replica's global endpoint
 * routing as ARM lists it: "All replicas", or the routed ones and those left out. Without replicas
 * (Basic, Standard, or a list not read yet) the registry's one region serves it: "All".
 */
export function globalRoutesTo(replicas: Replica[]): string {
  if (replicas.length === 0) return "All";
  const left = replicas.filter((r) => !r.globalEndpointRouting).map((r) => r.region);
  if (left.length === 0) return "All replicas";
  const routed = replicas.length - left.length;
  if (routed === 0) return "No replica";
  return `${routed} of ${replicas.length} replicas (not ${left.join(", ")})`;
}

/**
 * The rows of the Endpoints table: every endpoint of {@link listEndpoints}, grouped global,
 * regional, data, the global one saying which replicas it routes to; where ARM lists no regional
 * (or dedicated data) host, a notice row says why, so an absence is stated rather than silent.
 */
export function endpointTableRows(registry: EndpointSource, replicas: Replica[]): EndpointRow[] {
  const rows: EndpointRow[] = listEndpoints(registry, replicas).map((endpoint) => ({
    type: "endpoint",
    key: `${endpoint.kind}:${endpoint.region ?? ""}:${endpoint.host}`,
    ...endpoint,
    ...(endpoint.kind === "global" ? { routesTo: globalRoutesTo(replicas) } : {}),
  }));
  const regional = regionalNotice(registry);
  if (regional) {
    rows.splice(1, 0, {
      type: "notice",
      key: "regional-notice",
      kind: "regional",
      message: regional,
    });
  }
  if (registry.dataEndpointEnabled && registry.dataEndpointHostNames.length === 0) {
    rows.push({
      type: "notice",
      key: "data-notice",
      kind: "data",
      message: "Dedicated data endpoints are enabled, but ARM lists no data host names yet.",
    });
  }
  return rows;
}

/**
 * Where the Endpoints table puts its copy buttons: one per run of consecutive rows with the same
 * host (the `*.blob...` wildcard repeats once per replica region), spanning that run, so a
 * keyboard user meets one button per distinct host. Maps a row's key to the number of rows its
 * copy cell spans; a row covered by the run above it is absent.
 */
export function copySpans(rows: readonly EndpointRow[]): Map<string, number> {
  const spans = new Map<string, number>();
  let lead: { key: string; host: string } | undefined;
  for (const row of rows) {
    if (row.type !== "endpoint") {
      lead = undefined;
      continue;
    }
    if (lead && lead.host === row.host) {
      spans.set(lead.key, (spans.get(lead.key) ?? 1) + 1);
      continue;
    }
    lead = { key: row.key, host: row.host };
    spans.set(row.key, 1);
  }
  return spans;
}
