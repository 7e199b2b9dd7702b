"use client";
import { Caption1, makeStyles, Text, tokens } from "@fluentui/react-components";
import type { ReplicaProbe } from "@/lib/probe/browser/replica-probes";
import { formatSampleTime } from "@/lib/probe/browser/table";
import { useRegistryProbeState } from "../probes/registry-probes";
import { VerdictBadge } from "../probes/verdict-badge";

const useStyles = makeStyles({
  root: { display: "grid", gap: tokens.spacingVerticalXXS, paddingBlock: tokens.spacingVerticalXS },
  line: {
    display: "flex",
    alignItems: "center",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalXS,
  },
  muted: { color: tokens.colorNeutralForeground3 },
});

const KIND = {
  global: "global login server",
  regional: "regional login server",
  data: "data endpoint",
} as const;

/**
 * A replica's latest probe verdicts beside ARM's status (read from the page's probe run, so only
 * this cell re-renders as samples arrive): one line per probed endpoint with the
 * time of its sample, or "not probed" and why. The badges are not tab stops here: the probes
 * table explains them, and the row's switch should be a short Tab away.
 */
export function ReplicaProbeCell({ region }: { region: string }) {
  const probe = useRegistryProbeState()?.byReplica.get(region);
  return <ReplicaProbeView probe={probe} />;
}

/** The cell's content for one replica's probe state (undefined: not known yet). */
export function ReplicaProbeView({ probe }: { probe?: ReplicaProbe }) {
  const styles = useStyles();
  if (!probe) return <Text className={styles.muted}>—</Text>;
  if (!probe.probed) {
    return (
      <div className={styles.root} data-probe="not-probed">
        <Text weight="semibold">not probed</Text>
        <Caption1>{probe.reason}</Caption1>
      </div>
    );
  }
  return (
    <div className={styles.root} data-probe={probe.failing ? "failing" : "healthy"}>
      {probe.endpoints.map((e) => (
        <span key={e.host} className={styles.line}>
          <VerdictBadge verdict={e.status} focusable={false} />
          <Caption1>
            {KIND[e.kind]}
            {probe.via === "global" ? " (the only replica it routes to)" : ""}
            {e.at ? (
              <>
                {" · "}
                <time dateTime={e.at}>{formatSampleTime(e.at)}</time>
              </>
            ) : null}
          </Caption1>
        </span>
      ))}
    </div>
  );
}
