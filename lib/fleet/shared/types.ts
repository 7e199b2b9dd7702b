import type { ProvisioningState, Sku, SubscriptionFailure } from "@/lib/types";
import type { Verdict } from "@/lib/probe/shared/types";

/**
 * The fleet view's shapes (`GET /api/fleet` and its stream): every registry the caller can read
 * with its replicas, where each value came from, the endpoint health the server's sweep saw, and
 * what needs attention. Shared by the server (which builds them) and the browser.
 */

/** Where the fleet was read: Azure Resource Graph, or ARM's lists when Resource Graph failed. */
export type FleetSource = "resource-graph" | "arm";

export interface FleetReplica {
  /** ARM id of the replication. */
  id: string;
  name: string;
  region: string;
  isHome: boolean;
  provisioningState: ProvisioningState;
  status: { displayStatus?: string; message?: string; timestamp?: string };
  /** ARM `regionEndpointEnabled`: whether the global name routes clients to this replica. */
  globalEndpointRouting: boolean;
  /**
   * The replica's regional endpoint host as ARM lists it; null while regional endpoints are off;
   * undefined when the source does not carry the property (unknown, not off).
   */
  regionalEndpoint?: string | null;
  /** Its dedicated data endpoint host, or null without dedicated data endpoints. */
  dataEndpoint: string | null;
}

export interface FleetRegistry {
  id: string;
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location: string;
  sku: Sku;
  loginServer: string;
  provisioningState: ProvisioningState;
  /** "Unknown" when the source does not carry this preview property (Resource Graph may not). */
  regionalEndpoints: "Enabled" | "Disabled" | "NotAvailable" | "Unknown";
  dataEndpointEnabled: boolean;
  replicas: FleetReplica[];
  /** Where this registry's values came from: a fresh ARM read overrides Resource Graph's row. */
  source: FleetSource;
  /** When that source answered (ISO). */
  asOf: string;
}

/** What the server's sweep last saw of one endpoint. */
export interface EndpointHealth {
  host: string;
  kind: "global" | "regional" | "data";
  region: string | null;
  verdict: Verdict;
  /** HTTP status of the last probe, null when nothing answered. */
  status: number | null;
  /** When the last probe started (ISO). */
  at: string;
  /** Time to first byte of the last probe (ms), null when nothing answered. */
  ttfbMs: number | null;
  /** Median TTFB of the endpoint's earlier ok probes: its own baseline (ms), null until known. */
  baselineMs: number | null;
  /** True when the last probe was ok but much slower than the baseline. */
  slow: boolean;
  /** Since when the endpoint has been in its current condition (ok, slow, or this verdict). */
  since: string;
  error?: string;
}

export const ATTENTION_REASONS = [
  "provisioning-failed",
  "stuck-in-progress",
  "excluded-from-routing",
  "no-failover",
  "endpoint-down",
  "endpoint-forbidden",
  "endpoint-throttled",
  "endpoint-slow",
  "availability-low",
  "regional-endpoint-not-ready",
] as const;
export type AttentionReason = (typeof ATTENTION_REASONS)[number];

/** One line of the `Needs attention` table. */
export interface AttentionItem {
  /** Stable key: reason and subject, so the same problem keeps its row (and its `since`). */
  key: string;
  reason: AttentionReason;
  /** What is wrong, in a sentence. */
  detail: string;
  registryId: string;
  registryName: string;
  subscriptionId: string;
  resourceGroup: string;
  /** The replica's region, or null for the registry as a whole or its global endpoint. */
  region: string | null;
  /** The endpoint host, for endpoint reasons. */
  host?: string;
  /** Since when (ISO), from ARM's status time, the sweep, or the server's first sighting. */
  since: string | null;
  /** The page to open: the registry, or the replica's pinned view. */
  href: string;
}

export interface FleetTotals {
  registries: number;
  replicas: number;
  /** Replicas by displayed status (Ready, Syncing, Failed, ... ; provisioning Failed counts as Failed). */
  byStatus: Record<string, number>;
  attention: number;
}

export interface SweepInfo {
  intervalMs: number;
  /** When the last complete round ended (ISO), null before the first. */
  lastRoundAt: string | null;
  /** Hosts in the sweep that this caller may see. */
  hosts: number;
}

/** A replica's availability over the window: its own endpoints' probes from its worst vantage. */
export interface ReplicaAvailability {
  /** Available probes / all probes of the replica's regional and data endpoints, percent. */
  pct: number;
  ok: number;
  total: number;
  /** The vantage these figures are from: the one where the replica did worst. */
  vantage: string;
  /** How many vantages probed the replica in the window. */
  vantages: number;
}

/** `availability` of `GET /api/fleet`: each replica's availability over the last 24 h. */
export interface FleetAvailability {
  /** Prometheus (PROMETHEUS_URL), or the history this console keeps (`since` its start). */
  source: "prometheus" | "embedded";
  /** When the embedded history started (ISO); null for Prometheus. */
  since: string | null;
  /** The window (ISO): the last 24 h. */
  from: string;
  to: string;
  /** Below this percentage a replica needs attention (`FLEET_AVAILABILITY_MIN_PCT`). */
  minPct: number;
  /** By `replicaKey(registry id, region)`; a replica without probes in the window is absent. */
  replicas: Record<string, ReplicaAvailability>;
  /** Why there are no figures (Prometheus did not answer), when so. */
  error?: { code: string; message: string };
}

/** `GET /api/fleet`. */
export interface FleetSnapshot {
  source: FleetSource;
  /** Why the fleet came from ARM instead of Resource Graph (its error), when it did. */
  fallbackReason?: { code: string; message: string; status: number };
  /** When the reading was taken (ISO): Resource Graph itself may lag ARM by up to a minute. */
  asOf: string;
  registries: FleetRegistry[];
  /** Subscriptions whose registries could not be read (ARM fallback only). */
  failures: SubscriptionFailure[];
  health: EndpointHealth[];
  attention: AttentionItem[];
  totals: FleetTotals;
  sweep: SweepInfo;
  /** The attention rules' threshold for a replica updating or syncing (ms). */
  stuckAfterMs: number;
  availability: FleetAvailability;
}

/** One event of `GET /api/fleet/stream`: the endpoints the sweep probed since the last one. */
export interface SweepEvent {
  health: EndpointHealth[];
  lastRoundAt: string | null;
}
