"use client";
import {
  Badge,
  Caption1,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from "@fluentui/react-components";
import { Fragment, type ReactNode } from "react";
import type { Replica } from "@/lib/types";
import { formatUtc } from "../ui/format";
import { ProvisioningBadge } from "../ui/provisioning-badge";
import { SCROLLING_TABLE } from "../ui/scroll-region";

const useStyles = makeStyles({
  region: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS },
  status: {
    display: "grid",
    gap: tokens.spacingVerticalXXS,
    paddingBlock: tokens.spacingVerticalXS,
  },
  muted: { color: tokens.colorNeutralForeground3 },
  // Wide enough for its columns; narrower screens scroll it inside its region.
  table: { ...SCROLLING_TABLE, minWidth: "1000px" },
});

function StatusCell({ status }: { status: Replica["status"] }) {
  const styles = useStyles();
  const time = formatUtc(status.timestamp);
  return (
    <div className={styles.status}>
      <Text weight="semibold">{status.displayStatus ?? "Unknown"}</Text>
      {status.message ? <Caption1>{status.message}</Caption1> : null}
      {time ? (
        <Caption1 className={styles.muted}>
          <time dateTime={status.timestamp}>{time}</time>
        </Caption1>
      ) : null}
    </div>
  );
}

/** One column of the Replicas table: its header and how a replica's cell renders. */
export interface ReplicaColumn {
  key: string;
  header: string;
  cell: (replica: Replica) => ReactNode;
}

function RegionCell({ replica }: { replica: Replica }) {
  const styles = useStyles();
  return (
    <span className={styles.region}>
      <Text weight={replica.isHome ? "semibold" : "regular"}>{replica.region}</Text>
      {replica.isHome ? (
        <Badge appearance="outline" color="brand" size="small">
          Home
        </Badge>
      ) : null}
    </span>
  );
}

function RoutingBadge({ on }: { on: boolean }) {
  return (
    <Badge appearance="tint" color={on ? "success" : "warning"}>
      {on ? "On" : "Off"}
    </Badge>
  );
}

/**
 * The Replicas table's columns. `routing` replaces the on/off text of global endpoint routing
 * (e.g. with the switch that changes it); `probe` adds, right beside ARM's status, the replica's
 * latest probe verdict (the registry page's probes), so both are read in one row.
 */
export function replicaColumns(
  options: {
    routing?: (replica: Replica) => ReactNode;
    probe?: (replica: Replica) => ReactNode;
  } = {},
): ReplicaColumn[] {
  return [
    { key: "region", header: "Region", cell: (r) => <RegionCell replica={r} /> },
    {
      key: "provisioningState",
      header: "Provisioning state",
      cell: (r) => <ProvisioningBadge state={r.provisioningState} />,
    },
    { key: "status", header: "Status (ARM)", cell: (r) => <StatusCell status={r.status} /> },
    ...(options.probe ? [{ key: "probe", header: "Latest probe", cell: options.probe }] : []),
    {
      key: "zoneRedundancy",
      header: "Zone redundancy",
      cell: (r) => (r.zoneRedundancy === "Enabled" ? "Enabled" : "Disabled"),
    },
    {
      key: "globalEndpointRouting",
      header: "Global endpoint routing",
      cell: options.routing ?? ((r) => <RoutingBadge on={r.globalEndpointRouting} />),
    },
  ];
}

/**
 * The replicas of a registry, one row each (role `table`, name `Replicas`), in the given columns.
 * `rowDetail` may add a full-width row under a replica's row (a `<tr>` spanning `columns`
 * cells, or nothing).
 */
export function ReplicasTable({
  replicas,
  columns = replicaColumns(),
  rowDetail,
}: {
  replicas: Replica[];
  columns?: ReplicaColumn[];
  rowDetail?: (replica: Replica, columnCount: number) => ReactNode;
}) {
  const styles = useStyles();
  return (
    <Table aria-label="Replicas" size="small" className={styles.table}>
      <TableHeader>
        <TableRow>
          {columns.map((column) => (
            <TableHeaderCell key={column.key}>{column.header}</TableHeaderCell>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {replicas.map((replica) => (
          <Fragment key={replica.id}>
            <TableRow data-region={replica.region}>
              {columns.map((column) => (
                <TableCell key={column.key} data-column={column.key}>
                  {column.cell(replica)}
                </TableCell>
              ))}
            </TableRow>
            {rowDetail?.(replica, columns.length)}
          </Fragment>
        ))}
      </TableBody>
    </Table>
  );
}
