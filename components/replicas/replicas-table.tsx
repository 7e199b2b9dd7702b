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

const useStyles = makeStyles({
  region: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS },
  status: {
    display: "grid",
    gap: tokens.spacingVerticalXXS,
    paddingBlock: tokens.spacingVerticalXS,
  },
  muted: { color: tokens.colorNeutralForeground3 },
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

/**
 * The replicas of a registry, one row each (role `table`, name `Replicas`). `routingControl`
 * replaces the on/off text of global endpoint routing with a control to change it; `rowDetail`
 * may add a full-width row under a replica's row (a `<tr>`, or nothing).
 */
export function ReplicasTable({
  replicas,
  routingControl,
  rowDetail,
}: {
  replicas: Replica[];
  routingControl?: (replica: Replica) => ReactNode;
  rowDetail?: (replica: Replica) => ReactNode;
}) {
  const styles = useStyles();
  return (
    <Table aria-label="Replicas" size="small">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>Region</TableHeaderCell>
          <TableHeaderCell>Provisioning state</TableHeaderCell>
          <TableHeaderCell>Status</TableHeaderCell>
          <TableHeaderCell>Zone redundancy</TableHeaderCell>
          <TableHeaderCell>Global endpoint routing</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {replicas.map((replica) => (
          <Fragment key={replica.id}>
            <TableRow data-region={replica.region}>
              <TableCell>
                <span className={styles.region}>
                  <Text weight={replica.isHome ? "semibold" : "regular"}>{replica.region}</Text>
                  {replica.isHome ? (
                    <Badge appearance="outline" color="brand" size="small">
                      Home
                    </Badge>
                  ) : null}
                </span>
              </TableCell>
              <TableCell>
                <ProvisioningBadge state={replica.provisioningState} />
              </TableCell>
              <TableCell>
                <StatusCell status={replica.status} />
              </TableCell>
              <TableCell>{replica.zoneRedundancy === "Enabled" ? "Enabled" : "Disabled"}</TableCell>
              <TableCell>
                {routingControl ? (
                  routingControl(replica)
                ) : (
                  <Badge
                    appearance="tint"
                    color={replica.globalEndpointRouting ? "success" : "warning"}
                  >
                    {replica.globalEndpointRouting ? "On" : "Off"}
                  </Badge>
                )}
              </TableCell>
            </TableRow>
            {rowDetail?.(replica)}
          </Fragment>
        ))}
      </TableBody>
    </Table>
  );
}
