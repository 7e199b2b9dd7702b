"use client";
import {
  Badge,
  Button,
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
import Link from "next/link";
import { useState } from "react";
import { REASON_LABELS } from "@/lib/fleet/shared/attention";
import { formatDuration } from "@/lib/fleet/shared/health";
import type { AttentionItem } from "@/lib/fleet/shared/types";
import { formatUtc } from "@/components/ui/format";
import { SCROLLING_TABLE, ScrollRegion } from "@/components/ui/scroll-region";

/** Rows drawn before "Show all": a large fleet may list hundreds. */
const FIRST_ROWS = 100;

const useStyles = makeStyles({
  link: {
    color: tokens.colorBrandForegroundLink,
    fontWeight: tokens.fontWeightSemibold,
    textDecorationLine: "none",
    ":hover": { textDecorationLine: "underline" },
  },
  table: { ...SCROLLING_TABLE, minWidth: "760px" },
  since: { whiteSpace: "nowrap" },
  reason: { whiteSpace: "nowrap" },
});

const SEVERE = new Set(["provisioning-failed", "no-failover", "endpoint-down"]);

/** The `Needs attention` table: what a team lead must look at, each with a link to open it. */
export function AttentionTable({ items, now }: { items: AttentionItem[]; now: number }) {
  const styles = useStyles();
  const [all, setAll] = useState(false);
  if (items.length === 0) return <Text>Nothing needs attention in this view.</Text>;
  const shown = all ? items : items.slice(0, FIRST_ROWS);
  return (
    <>
      <ScrollRegion>
        <Table aria-label="Needs attention" size="small" className={styles.table}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Reason</TableHeaderCell>
              <TableHeaderCell>Registry</TableHeaderCell>
              <TableHeaderCell>Region</TableHeaderCell>
              <TableHeaderCell>What</TableHeaderCell>
              <TableHeaderCell>Since</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {shown.map((item) => (
              <TableRow key={item.key} data-reason={item.reason} data-registry={item.registryName}>
                <TableCell className={styles.reason}>
                  <Badge appearance="tint" color={SEVERE.has(item.reason) ? "danger" : "warning"}>
                    {REASON_LABELS[item.reason]}
                  </Badge>
                </TableCell>
                <TableCell>
                  <Link href={item.href} className={styles.link}>
                    {item.registryName}
                  </Link>
                </TableCell>
                <TableCell>{item.region ?? "—"}</TableCell>
                <TableCell>{item.detail}</TableCell>
                <TableCell className={styles.since} data-since={item.since ?? ""}>
                  {item.since
                    ? `${formatUtc(item.since)} (${formatDuration(now - Date.parse(item.since))} ago)`
                    : "unknown"}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </ScrollRegion>
      {items.length > shown.length ? (
        <Button onClick={() => setAll(true)}>Show all {items.length}</Button>
      ) : null}
    </>
  );
}
