"use client";
import {
  Badge,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
} from "@fluentui/react-components";
import type { DigestMatrix, DigestVerdict } from "@/lib/repro/types";
import { SCROLLING_TABLE, ScrollRegion } from "../ui/scroll-region";

const useStyles = makeStyles({
  table: { ...SCROLLING_TABLE, minWidth: "640px" },
  nowrap: { whiteSpace: "nowrap" },
  wrap: { overflowWrap: "anywhere" },
});

const COLORS: Record<DigestVerdict, "success" | "warning" | "danger" | "informative" | "brand"> = {
  home: "brand",
  same: "success",
  different: "warning",
  missing: "warning",
  denied: "danger",
  unreachable: "danger",
};

const LABELS: Record<DigestVerdict, string> = {
  home: "home replica",
  same: "same as home",
  different: "different",
  missing: "missing",
  denied: "access denied",
  unreachable: "unreachable",
};

/** Table `Digests`: per replica (regional endpoint) and the global endpoint, the digest and verdict. */
export function DigestsTable({ matrix }: { matrix: DigestMatrix }) {
  const styles = useStyles();
  return (
    <ScrollRegion>
      <Table aria-label="Digests" size="small" className={styles.table}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Replica</TableHeaderCell>
            <TableHeaderCell>Endpoint</TableHeaderCell>
            <TableHeaderCell>Digest</TableHeaderCell>
            <TableHeaderCell>Verdict</TableHeaderCell>
            <TableHeaderCell>ACR code and message</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {matrix.rows.map((row) => (
            <TableRow key={row.host} data-region={row.region ?? "global"}>
              <TableCell className={styles.nowrap}>
                {row.region ?? "global endpoint"}
                {row.isHome && row.region ? " (home)" : ""}
              </TableCell>
              <TableCell className={styles.nowrap}>
                <Text font="monospace">{row.host}</Text>
              </TableCell>
              <TableCell className={styles.wrap}>
                <Text font="monospace">{row.digest ?? ""}</Text>
              </TableCell>
              <TableCell>
                <Badge appearance="tint" color={COLORS[row.verdict]}>
                  {LABELS[row.verdict]}
                </Badge>
              </TableCell>
              <TableCell className={styles.wrap}>
                {row.code ? <Text font="monospace">{row.code}</Text> : null}
                {row.message ? ` ${row.message}` : ""}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </ScrollRegion>
  );
}
