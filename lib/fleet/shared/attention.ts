import { pinnedProbesPageUrl, registryPageUrl } from "@/lib/arm-id";
import { ATTENTION_REASONS, type AttentionItem, type AttentionReason } from "./types";
import type { EndpointHealth, FleetAvailability, FleetRegistry, FleetReplica } from "./types";
import { AVAILABILITY_MIN_PROBES, formatAvailability, replicaKey } from "./availability";
import { DOWN_VERDICTS, formatDuration } from "./health";

/**
 * What a team lead must look at, from the fleet's ARM data and the sweep's endpoint health. Pure:
 * the server computes the list for `GET /api/fleet`, the browser again as sweep results stream in.
 */

export interface AttentionOptions {
  now: number;
  /** A replica Updating, Creating, Deleting or Syncing for longer than this needs attention. */
  stuckAfterMs: number;
  /**
   * When a condition was first seen (ISO), by its key, for conditions ARM gives no time for
   * (a Failed provisioning state, an excluded replica). Null or absent: unknown.
   */
  firstSeen?: (key: string) => string | null;
  /**
   * Each replica's availability over 24 h and the threshold below which it needs attention
   * (`FLEET_AVAILABILITY_MIN_PCT`); absent, the rule does not run.
   */
  availability?: Pick<FleetAvailability, "replicas" | "minPct">;
}

/** 30 minutes: an update or a sync still going after that is stuck, not busy. */
export const DEFAULT_STUCK_AFTER_MS = 30 * 60_000;

const IN_PROGRESS = new Set(["Creating", "Updating", "Deleting"]);

/** A replica's status as the fleet shows it: Failed provisioning first, then ARM's displayStatus. */
export function replicaStatus(replica: Pick<FleetReplica, "provisioningState" | "status">): string {
  if (replica.provisioningState === "Failed") return "Failed";
  if (replica.provisioningState !== "Succeeded") return replica.provisioningState;
  return replica.status.displayStatus ?? "Unknown";
}

function isReady(replica: FleetReplica): boolean {
  return replicaStatus(replica) === "Ready";
}

function armTime(timestamp: string | undefined, now: number): string | null {
  if (!timestamp) return null;
  const t = Date.parse(timestamp);
  // A time ahead of the console's clock is taken as now: skew, not the future.
  return Number.isNaN(t) ? null : new Date(Math.min(t, now)).toISOString();
}

const severity = (reason: AttentionReason) => ATTENTION_REASONS.indexOf(reason);

/** The attention list, most severe reason first, then oldest first. */
export function attentionFor(
  registries: readonly FleetRegistry[],
  health: readonly EndpointHealth[],
  options: AttentionOptions,
): AttentionItem[] {
  const byHost = new Map(health.map((h) => [h.host.toLowerCase(), h]));
  const seen = (key: string) => options.firstSeen?.(key) ?? null;
  const items: AttentionItem[] = [];

  for (const registry of registries) {
    const base = {
      registryId: registry.id,
      registryName: registry.name,
      subscriptionId: registry.subscriptionId,
      resourceGroup: registry.resourceGroup,
    };
    const add = (
      reason: AttentionReason,
      subject: string,
      region: string | null,
      detail: string,
      since: string | null,
      href: string,
      host?: string,
    ) => {
      const key = `${reason}|${subject.toLowerCase()}`;
      items.push({ key, reason, detail, ...base, region, since, href, ...(host ? { host } : {}) });
    };
    const registryHref = registryPageUrl(registry);
    const replicaHref = (replica: FleetReplica) =>
      replica.regionalEndpoint || replica.dataEndpoint
        ? pinnedProbesPageUrl(registry, replica.region)
        : registryHref;

    if (registry.provisioningState === "Failed") {
      const key = `provisioning-failed|${registry.id.toLowerCase()}`;
      add(
        "provisioning-failed",
        registry.id,
        null,
        "Registry: provisioning Failed",
        seen(key),
        registryHref,
      );
    }

    for (const replica of registry.replicas) {
      const where = `Replica in ${replica.region}`;
      const href = replicaHref(replica);
      const subject = replica.id || `${registry.id}/replications/${replica.region}`;
      if (replica.provisioningState === "Failed") {
        const key = `provisioning-failed|${subject.toLowerCase()}`;
        add(
          "provisioning-failed",
          subject,
          replica.region,
          `${where}: provisioning Failed`,
          seen(key),
          href,
        );
      } else {
        const busy = IN_PROGRESS.has(replica.provisioningState)
          ? replica.provisioningState
          : replica.status.displayStatus === "Syncing"
            ? "Syncing"
            : null;
        if (busy) {
          const key = `stuck-in-progress|${subject.toLowerCase()}`;
          const since =
            (busy === "Syncing" ? armTime(replica.status.timestamp, options.now) : null) ??
            seen(key);
          const age = since === null ? null : options.now - Date.parse(since);
          if (age !== null && age > options.stuckAfterMs) {
            add(
              "stuck-in-progress",
              subject,
              replica.region,
              `${where}: ${busy} for ${formatDuration(age)}`,
              since,
              href,
            );
          }
        }
      }
      if (!replica.globalEndpointRouting) {
        const key = `excluded-from-routing|${subject.toLowerCase()}`;
        add(
          "excluded-from-routing",
          subject,
          replica.region,
          `${where} is excluded from global endpoint routing`,
          seen(key),
          href,
        );
      }
      const available = options.availability?.replicas[replicaKey(registry.id, replica.region)];
      if (
        available &&
        available.total >= AVAILABILITY_MIN_PROBES &&
        available.pct < options.availability!.minPct
      ) {
        const key = `availability-low|${subject.toLowerCase()}`;
        const failed = Math.round(available.total - available.ok);
        add(
          "availability-low",
          subject,
          replica.region,
          `${where}: ${formatAvailability(available)} % available over 24 h from ${available.vantage} (${failed} of ${Math.round(available.total)} probes failed; threshold ${options.availability!.minPct} %)`,
          seen(key),
          href,
        );
      }
      if (registry.regionalEndpoints === "Enabled" && !isReady(replica)) {
        const key = `regional-endpoint-not-ready|${subject.toLowerCase()}`;
        add(
          "regional-endpoint-not-ready",
          subject,
          replica.region,
          `Regional endpoints are on while the replica in ${replica.region} is ${replicaStatus(replica)}`,
          armTime(replica.status.timestamp, options.now) ?? seen(key),
          href,
        );
      }
    }

    // Failover: how many replicas still take the global name's traffic.
    if (registry.replicas.length >= 2) {
      const serving = registry.replicas.filter((r) => {
        if (!r.globalEndpointRouting || replicaStatus(r) === "Failed") return false;
        const own = [r.regionalEndpoint, r.dataEndpoint]
          .filter((h): h is string => typeof h === "string")
          .map((h) => byHost.get(h.toLowerCase()));
        return !own.some((h) => h && DOWN_VERDICTS.includes(h.verdict));
      });
      if (serving.length <= 1) {
        const key = `no-failover|${registry.id.toLowerCase()}`;
        const detail =
          serving.length === 1
            ? `Only ${serving[0]!.region} still serves ${registry.loginServer}: no failover left`
            : `No replica serves ${registry.loginServer}`;
        add("no-failover", registry.id, null, detail, seen(key), registryHref);
      }
    }

    // Endpoints whose last probe was not ok.
    const endpoints: { host: string; region: string | null; label: string }[] = [
      { host: registry.loginServer, region: null, label: "Global endpoint" },
    ];
    for (const r of registry.replicas) {
      if (r.regionalEndpoint)
        endpoints.push({ host: r.regionalEndpoint, region: r.region, label: "Regional endpoint" });
      if (r.dataEndpoint)
        endpoints.push({ host: r.dataEndpoint, region: r.region, label: "Data endpoint" });
    }
    for (const endpoint of endpoints) {
      const h = byHost.get(endpoint.host.toLowerCase());
      if (!h) continue;
      const replica = registry.replicas.find((r) => r.region === endpoint.region);
      const href = replica ? replicaHref(replica) : registryHref;
      const what = `${endpoint.label} ${h.host}`;
      const cause = h.error ? ` (${h.error})` : h.status ? ` (HTTP ${h.status})` : "";
      if (DOWN_VERDICTS.includes(h.verdict)) {
        add(
          "endpoint-down",
          h.host,
          endpoint.region,
          `${what}: ${h.verdict}${cause}`,
          h.since,
          href,
          h.host,
        );
      } else if (h.verdict === "forbidden") {
        add(
          "endpoint-forbidden",
          h.host,
          endpoint.region,
          `${what}: forbidden (HTTP 403)`,
          h.since,
          href,
          h.host,
        );
      } else if (h.verdict === "throttled") {
        add(
          "endpoint-throttled",
          h.host,
          endpoint.region,
          `${what}: throttled (HTTP 429)`,
          h.since,
          href,
          h.host,
        );
      } else if (h.slow) {
        add(
          "endpoint-slow",
          h.host,
          endpoint.region,
          `${what}: ${Math.round(h.ttfbMs ?? 0)} ms against its baseline of ${Math.round(h.baselineMs ?? 0)} ms`,
          h.since,
          href,
          h.host,
        );
      }
    }
  }

  return items.sort(
    (a, b) =>
      severity(a.reason) - severity(b.reason) ||
      (a.since ?? "\uffff").localeCompare(b.since ?? "\uffff") ||
      a.key.localeCompare(b.key),
  );
}

/** What the attention list says about one registry: its items. */
export function attentionByRegistry(items: readonly AttentionItem[]): Map<string, AttentionItem[]> {
  const map = new Map<string, AttentionItem[]>();
  for (const item of items) {
    const key = item.registryId.toLowerCase();
    const list = map.get(key);
    if (list) list.push(item);
    else map.set(key, [item]);
  }
  return map;
}

/** Reason names as the page shows them. */
export const REASON_LABELS: Record<AttentionReason, string> = {
  "provisioning-failed": "Provisioning failed",
  "stuck-in-progress": "Stuck updating or syncing",
  "excluded-from-routing": "Excluded from global endpoint routing",
  "no-failover": "No failover left",
  "endpoint-down": "Endpoint down",
  "endpoint-forbidden": "Endpoint forbidden",
  "endpoint-throttled": "Endpoint throttled",
  "endpoint-slow": "Endpoint slow",
  "availability-low": "Availability below threshold (24 h)",
  "regional-endpoint-not-ready": "Regional endpoint on, replica not Ready",
};
