import { csvDocument } from "@/lib/exports/csv";
import type { Replica } from "@/lib/types";
import { listEndpoints } from "./table";

export interface RegionEndpoint {
  region: string;
  endpoint: string;
}

/** The JSON `az acr show-endpoints` prints; `regionalEndpoints` only while they are enabled. */
export interface ShowEndpointsOutput {
  loginServer: string;
  dataEndpoints: RegionEndpoint[];
  regionalEndpoints?: RegionEndpoint[];
}

type Source = Parameters<typeof listEndpoints>[0];

/**
 * The endpoints in the exact shape of `az acr show-endpoints`, computed as the CLI does: from a
 * registry GET plus the replication list.
 */
export function showEndpoints(registry: Source, replicas: Replica[]): ShowEndpointsOutput {
  const endpoints = listEndpoints(registry, replicas);
  const pick = (kind: "regional" | "data"): RegionEndpoint[] =>
    endpoints
      .filter((e) => e.kind === kind)
      .map((e) => ({ region: e.region ?? "", endpoint: e.host }));
  const output: ShowEndpointsOutput = {
    loginServer: registry.loginServer,
    dataEndpoints: pick("data"),
  };
  if (registry.regionalEndpoints === "Enabled") output.regionalEndpoints = pick("regional");
  return output;
}

/** `show-endpoints` JSON as a file body (two-space indent, like the CLI's JSON output). */
export function showEndpointsJson(registry: Source, replicas: Replica[]): string {
  return `${JSON.stringify(showEndpoints(registry, replicas), null, 2)}\n`;
}

/**
 * The endpoints as CSV (RFC 4180, through the console's one CSV writer, which neutralises
 * formula-like cells): one line per endpoint, `kind,region,endpoint`.
 */
export function endpointsCsv(registry: Source, replicas: Replica[]): string {
  const lines = [["kind", "region", "endpoint"]];
  for (const e of listEndpoints(registry, replicas)) lines.push([e.kind, e.region ?? "", e.host]);
  return csvDocument(lines);
}

/** File names for the exports, after the registry. */
export function exportFileName(registryName: string, format: "json" | "csv"): string {
  return `${registryName}-endpoints.${format}`;
}
