import { csvDocument } from "@/lib/exports/csv";
import { blobWildcardHost, regionOfHost } from "@/lib/endpoints/host";
import type { Registry } from "@/lib/types";

/** The registry fields the plan is computed from (all read from ARM). */
export type PlanSource = Pick<
  Registry,
  | "name"
  | "loginServer"
  | "regionalEndpoints"
  | "regionalEndpointHostNames"
  | "dataEndpointEnabled"
  | "dataEndpointHostNames"
>;

/** Which endpoints the workload uses: the global name, and/or some regional ones. */
export interface PlanUse {
  global: boolean;
  /** Regions whose regional endpoint the workload uses. */
  regions: string[];
}

export interface FirewallRule {
  fqdn: string;
  port: 443;
  kind: "global" | "regional" | "data";
  region: string | null;
  why: string;
}

export interface DnsRecord {
  zone: "privatelink.azurecr.io";
  name: string;
  /** The private endpoint's member name the record points at. */
  member: string;
  region: string | null;
}

export interface FirewallPlan {
  rules: FirewallRule[];
  privateEndpoint: {
    replicas: number;
    /** Private IPs each private endpoint takes, per virtual network. */
    ipsPerVnet: number;
    /** ... with regional endpoints on and off, for comparison. */
    withRegionalEndpoints: number;
    withoutRegionalEndpoints: number;
    /** The smallest subnet that holds them (Azure keeps 5 addresses of every subnet). */
    smallestPrefix: number;
    /** What ACR's documentation recommends. */
    recommendedPrefix: 27;
    records: DnsRecord[];
  };
  changes: string[];
}

/** Private IPs of one private endpoint per virtual network (ACR-FACTS, private endpoints). */
export function privateIpCount(replicas: number, regionalEndpoints: boolean): number {
  return 1 + replicas + (regionalEndpoints ? replicas : 0);
}

/** Azure reserves five addresses in every subnet. */
const AZURE_RESERVED = 5;

/** The longest prefix (smallest subnet) whose usable addresses hold `ips`. */
export function smallestSubnetPrefix(ips: number): number {
  let prefix = 29; // Azure's smallest subnet
  while (prefix > 8 && 2 ** (32 - prefix) - AZURE_RESERVED < ips) prefix--;
  return prefix;
}

/**
 * The client firewall's allow-list (TCP 443) for the endpoints a workload uses, and the private
 * endpoint figures for the registry, from ARM's data. `replicaRegions` are the registry's replica
 * regions (its location alone when it has none).
 */
export function firewallPlan(
  registry: PlanSource,
  replicaRegions: readonly string[],
  use: PlanUse,
): FirewallPlan {
  const regionalOn = registry.regionalEndpoints === "Enabled";
  const regionalHosts = regionalOn ? registry.regionalEndpointHostNames : [];
  const usedRegions = new Set(use.regions.map((r) => r.toLowerCase()));
  const rules: FirewallRule[] = [];
  if (use.global) {
    rules.push({
      fqdn: registry.loginServer,
      port: 443,
      kind: "global",
      region: null,
      why: "global login server (routed to the nearest replica)",
    });
  }
  for (const host of regionalHosts) {
    const region = regionOfHost(host);
    if (region && usedRegions.has(region)) {
      rules.push({ fqdn: host, port: 443, kind: "regional", region, why: "regional login server" });
    }
  }
  // Blob downloads go to the data endpoint of the region that served the request: through the
  // global name that can be any replica routed to, through a regional name that region's.
  const dataRegions = use.global ? new Set(replicaRegions) : usedRegions;
  if (registry.dataEndpointEnabled) {
    for (const host of registry.dataEndpointHostNames) {
      const region = regionOfHost(host);
      if (region && dataRegions.has(region)) {
        rules.push({
          fqdn: host,
          port: 443,
          kind: "data",
          region,
          why: "dedicated data endpoint (blob downloads)",
        });
      }
    }
  } else if (rules.length > 0) {
    rules.push({
      fqdn: blobWildcardHost(registry.loginServer),
      port: 443,
      kind: "data",
      region: null,
      why: "storage of every replica (no dedicated data endpoints: blob downloads are redirected there)",
    });
  }
  const replicas = replicaRegions.length;
  const label = registry.loginServer.split(".")[0] ?? registry.name.toLowerCase();
  const records: DnsRecord[] = [
    { zone: "privatelink.azurecr.io", name: label, member: "registry", region: null },
    ...replicaRegions.map((region) => ({
      zone: "privatelink.azurecr.io" as const,
      name: `${label}.${region}.data`,
      member: `registry_data_${region}`,
      region,
    })),
    ...(regionalOn
      ? replicaRegions.map((region) => ({
          zone: "privatelink.azurecr.io" as const,
          name: `${label}.${region}.geo`,
          member: `registry_${region}`,
          region,
        }))
      : []),
  ];
  const ipsPerVnet = privateIpCount(replicas, regionalOn);
  const changes = [
    regionalOn
      ? `Turning regional endpoints off frees ${replicas} private IPs per virtual network and removes the ${replicas} *.geo records.`
      : `Turning regional endpoints on takes ${replicas} more private IPs per virtual network (one per replica) and needs ${replicas} more A records (<name>.<region>.geo); clients that use them need those FQDNs allowed.`,
    `Adding a replica takes ${regionalOn ? 2 : 1} more private IP${regionalOn ? "s" : ""} per virtual network and its A record${regionalOn ? "s" : ""}; if any connected subnet is full, adding the replica fails and rolls back without naming the subnet. Private endpoints with static IPs block adding replicas (missing member registry_data_<region>).`,
    registry.dataEndpointEnabled
      ? "A new replica's data endpoint (<name>.<region>.data) must be allowed in client firewalls."
      : "Dedicated data endpoints would replace the *.blob wildcard with one FQDN per replica (<name>.<region>.data).",
  ];
  return {
    rules,
    privateEndpoint: {
      replicas,
      ipsPerVnet,
      withRegionalEndpoints: privateIpCount(replicas, true),
      withoutRegionalEndpoints: privateIpCount(replicas, false),
      smallestPrefix: smallestSubnetPrefix(ipsPerVnet),
      recommendedPrefix: 27,
      records,
    },
    changes,
  };
}

/** The plan as CSV: one row per allow-list rule, then one per private DNS record. */
export function firewallPlanCsv(plan: FirewallPlan): string {
  return csvDocument([
    ["section", "fqdn or record", "port", "kind", "region", "detail"],
    ...plan.rules.map((r) => ["firewall", r.fqdn, r.port, r.kind, r.region ?? "", r.why]),
    ...plan.privateEndpoint.records.map((r) => [
      "private dns",
      `${r.name}.${r.zone}`,
      "",
      "A",
      r.region ?? "",
      `member ${r.member}`,
    ]),
    [
      "private endpoint",
      "private IPs per virtual network",
      "",
      "",
      "",
      `${plan.privateEndpoint.ipsPerVnet} (subnet /${plan.privateEndpoint.smallestPrefix} at least; /27 recommended)`,
    ],
  ]);
}

/** The plan as JSON text. */
export function firewallPlanJson(registry: PlanSource, plan: FirewallPlan): string {
  return `${JSON.stringify({ registry: registry.name, loginServer: registry.loginServer, ...plan }, null, 2)}\n`;
}
