import type { ReplicaCoverage } from "@/lib/probe/shared/coverage";
import type { SafetyReplica } from "@/lib/switches/safety";
import type { EndpointKind } from "@/lib/types";
import { isHealthy, rowStatus, type ProbeRow, type RowStatus } from "./table";

/** One probed endpoint of a replica: its latest verdict and when that sample was taken. */
export interface ReplicaProbeEndpoint {
  host: string;
  kind: EndpointKind;
  status: RowStatus;
  /** ISO time of the latest sample (absent while waiting for the first). */
  at?: string;
}

/**
 * What the probes say of one replica, for the Replicas table and the switch dialogs: its probed
 * endpoints' latest verdicts and whether any of them fails, or why it is not probed.
 */
export type ReplicaProbe =
  | {
      region: string;
      probed: true;
      via: "own" | "global";
      endpoints: ReplicaProbeEndpoint[];
      /** A probed endpoint's latest verdict is not ok (waiting is not failing). */
      failing: boolean;
    }
  | { region: string; probed: false; reason: string };

/** Each replica's probe state from its coverage and the probes table's rows, keyed by region. */
export function replicaProbes(
  coverage: readonly ReplicaCoverage[],
  rows: readonly ProbeRow[],
): Map<string, ReplicaProbe> {
  const byHost = new Map(rows.map((r) => [r.host, r]));
  const result = new Map<string, ReplicaProbe>();
  for (const c of coverage) {
    if (!c.probed) {
      result.set(c.region, c);
      continue;
    }
    const endpoints = c.targets.map((t): ReplicaProbeEndpoint => {
      const row = byHost.get(t.host);
      return {
        host: t.host,
        kind: t.kind,
        status: row ? rowStatus(row) : "waiting",
        at: row?.last?.at,
      };
    });
    const failing = c.targets.some((t) => {
      const row = byHost.get(t.host);
      return row !== undefined && row.verdict !== "waiting" && !isHealthy(row);
    });
    result.set(c.region, { region: c.region, probed: true, via: c.via, endpoints, failing });
  }
  return result;
}

/**
 * The replicas as the switch dialogs weigh them (lib/switches/safety): ARM's state plus, for a
 * probed replica, whether its probes fail and with which verdicts.
 */
export function withProbeHealth<R extends Omit<SafetyReplica, "probe">>(
  replicas: readonly R[],
  byReplica: ReadonlyMap<string, ReplicaProbe>,
): (R & Pick<SafetyReplica, "probe">)[] {
  return replicas.map((replica) => {
    const probe = byReplica.get(replica.region);
    if (!probe?.probed) return replica;
    const verdicts = probe.endpoints
      .map((e) => e.status)
      .filter((s) => s !== "ok" && s !== "waiting");
    return { ...replica, probe: { failing: probe.failing, verdicts } };
  });
}
