"use client";
import { Badge, makeStyles, tokens } from "@fluentui/react-components";
import type { ReplicaRow } from "@/lib/fleet/shared/replica-row";

const useStyles = makeStyles({
  cell: {
    display: "flex",
    gap: tokens.spacingHorizontalXS,
    alignItems: "center",
    flexWrap: "nowrap",
  },
  muted: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

const STATUS_COLOR: Record<string, "success" | "warning" | "danger" | "informative"> = {
  Ready: "success",
  Syncing: "warning",
  Updating: "warning",
  Creating: "warning",
  Deleting: "warning",
  Failed: "danger",
};

/**
 * One replica in the Replica health grid: its status, and marks for what is not as it should be
 * (excluded from global endpoint routing, a probe that was not ok). The full row, as the exports
 * write it, is in the cell's data attributes and its title.
 */
export function ReplicaCell({ row }: { row: ReplicaRow }) {
  const styles = useStyles();
  const title = [
    `${row.registry} in ${row.region}${row.home ? " (home)" : ""}`,
    `provisioning ${row.provisioningState}, status ${row.status}`,
    `global endpoint routing ${row.globalEndpointRouting}`,
    `regional endpoint ${row.regionalEndpoint}`,
    `last probe ${row.lastProbe}${row.lastProbeMs ? ` (${row.lastProbeMs} ms)` : ""}`,
    `availability (24 h) ${row.availability24h === "No data" ? "no data" : `${row.availability24h} % from ${row.availabilityVantage}`}`,
  ].join("; ");
  return (
    <span
      className={styles.cell}
      title={title}
      data-region={row.region}
      data-provisioning={row.provisioningState}
      data-status={row.status}
      data-routing={row.globalEndpointRouting}
      data-regional={row.regionalEndpoint}
      data-probe={row.lastProbe}
      data-availability={row.availability24h}
    >
      <Badge appearance="tint" size="small" color={STATUS_COLOR[row.status] ?? "informative"}>
        {row.status}
      </Badge>
      {row.home ? <span className={styles.muted}>home</span> : null}
      {row.globalEndpointRouting === "Off" ? (
        <span className={styles.muted}>not routed</span>
      ) : null}
      {row.lastProbe !== "ok" && row.lastProbe !== "Not probed" ? (
        <Badge appearance="outline" size="small" color="danger">
          {row.lastProbe}
        </Badge>
      ) : null}
    </span>
  );
}
