"use client";
import {
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@fluentui/react-components";
import { memo } from "react";
import type { ReplicaCoverage } from "@/lib/probe/shared/coverage";

/**
 * The replicas no probe speaks for (role `table`, name `Not probed`), each with the reason, so
 * that the global row's `ok` is never read as theirs. Nothing when every replica is probed.
 */
export const NotProbedTable = memo(function NotProbedTable({
  coverage,
}: {
  coverage: readonly ReplicaCoverage[];
}) {
  const missing = coverage.filter((c) => !c.probed);
  if (missing.length === 0) return null;
  return (
    <Table aria-label="Not probed" size="small">
      <TableHeader>
        <TableRow>
          <TableHeaderCell style={{ width: "25%" }}>Replica</TableHeaderCell>
          <TableHeaderCell>Why no probe speaks for it</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {missing.map((c) => (
          <TableRow key={c.region} data-region={c.region} data-not-probed="">
            <TableCell>{c.region}</TableCell>
            <TableCell>{c.probed ? null : c.reason}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
});
