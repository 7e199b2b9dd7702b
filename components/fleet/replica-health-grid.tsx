"use client";
import {
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from "@fluentui/react-components";
import Link from "next/link";
import { registryPageUrl } from "@/lib/arm-id";
import { replicaStatus } from "@/lib/fleet/shared/attention";
import { replicaRow } from "@/lib/fleet/shared/replica-row";
import { formatAvailability, registryAvailability } from "@/lib/fleet/shared/availability";
import type { EndpointHealth, FleetRegistry, ReplicaAvailability } from "@/lib/fleet/shared/types";
import type { FleetSortKey, FleetView } from "@/lib/fleet/shared/view";
import { SCROLLING_TABLE } from "../ui/scroll-region";
import { ReplicaCell } from "./replica-cell";
import { useRowWindow } from "./use-window";

/** Fixed row height: the window of drawn rows is computed from it. */
export const ROW_HEIGHT = 40;

const useStyles = makeStyles({
  scroller: {
    maxHeight: "70vh",
    overflow: "auto",
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  // Columns as wide as their content, on one line: rows keep the fixed height the window uses.
  table: { ...SCROLLING_TABLE, minWidth: "max-content", "& td, & th": { whiteSpace: "nowrap" } },
  head: { position: "sticky", top: 0, zIndex: 2, backgroundColor: tokens.colorNeutralBackground1 },
  row: { height: `${ROW_HEIGHT}px` },
  first: {
    position: "sticky",
    left: 0,
    zIndex: 1,
    backgroundColor: tokens.colorNeutralBackground1,
    minWidth: "180px",
  },
  name: {
    color: tokens.colorBrandForegroundLink,
    fontWeight: tokens.fontWeightSemibold,
    textDecorationLine: "none",
    ":hover": { textDecorationLine: "underline" },
  },
  region: { minWidth: "150px", whiteSpace: "nowrap" },
  none: { color: tokens.colorNeutralForeground4 },
});

const COLUMNS: { key: FleetSortKey; label: string }[] = [
  { key: "name", label: "Registry" },
  { key: "subscription", label: "Subscription" },
  { key: "resourceGroup", label: "Resource group" },
  { key: "sku", label: "SKU" },
  { key: "ready", label: "Ready" },
  { key: "attention", label: "Attention" },
  { key: "availability", label: "Availability (24 h)" },
];

/**
 * The `Replica health` grid: one row per registry, one column per region, each cell the
 * replica's status there, and the registry's lowest replica availability over 24 h. Virtualized: only the rows in view (and a few around) are drawn, so
 * 1,000 registries by 20 regions scroll smoothly. Headers of the registry columns sort.
 */
export function ReplicaHealthGrid({
  registries,
  regions,
  health,
  availability = {},
  attentionCount,
  view,
  onSort,
  subscriptionName,
}: {
  registries: FleetRegistry[];
  regions: string[];
  health: ReadonlyMap<string, EndpointHealth>;
  /** Each replica's availability over 24 h, by replicaKey. */
  availability?: Readonly<Record<string, ReplicaAvailability>>;
  attentionCount: (registryId: string) => number;
  view: Pick<FleetView, "sort" | "dir">;
  onSort: (key: FleetSortKey) => void;
  subscriptionName: (id: string) => string;
}) {
  const styles = useStyles();
  const { containerRef, onScroll, start, end, padTop, padBottom } = useRowWindow(
    registries.length,
    ROW_HEIGHT,
  );
  const shown = registries.slice(start, end);
  const width = COLUMNS.length + regions.length;
  return (
    <div ref={containerRef} className={styles.scroller} onScroll={onScroll}>
      <Table
        aria-label="Replica health"
        aria-rowcount={registries.length + 1}
        sortable
        size="small"
        className={styles.table}
      >
        <TableHeader className={styles.head}>
          <TableRow aria-rowindex={1}>
            {COLUMNS.map((column, i) => (
              <TableHeaderCell
                key={column.key}
                className={i === 0 ? styles.first : undefined}
                sortDirection={
                  view.sort === column.key
                    ? view.dir === "asc"
                      ? "ascending"
                      : "descending"
                    : undefined
                }
                onClick={() => onSort(column.key)}
              >
                {column.label}
              </TableHeaderCell>
            ))}
            {regions.map((region) => (
              <TableHeaderCell key={region} className={styles.region}>
                {region}
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {padTop > 0 ? (
            <tr aria-hidden="true" style={{ height: padTop }}>
              <td colSpan={width} />
            </tr>
          ) : null}
          {shown.map((registry, i) => {
            const byRegion = new Map(registry.replicas.map((r) => [r.region, r]));
            const ready = registry.replicas.filter((r) => replicaStatus(r) === "Ready").length;
            return (
              <TableRow
                key={registry.id}
                className={styles.row}
                aria-rowindex={start + i + 2}
                data-registry={registry.name}
              >
                <TableCell className={styles.first}>
                  <Link href={registryPageUrl(registry)} className={styles.name}>
                    {registry.name}
                  </Link>
                </TableCell>
                <TableCell>{subscriptionName(registry.subscriptionId)}</TableCell>
                <TableCell>{registry.resourceGroup}</TableCell>
                <TableCell>{registry.sku}</TableCell>
                <TableCell>
                  {registry.replicas.length > 0 ? `${ready} / ${registry.replicas.length}` : "—"}
                </TableCell>
                <TableCell>{attentionCount(registry.id)}</TableCell>
                <AvailabilityCell value={registryAvailability(registry, availability)} />
                {regions.map((region) => {
                  const replica = byRegion.get(region);
                  return (
                    <TableCell key={region} className={styles.region}>
                      {replica ? (
                        <ReplicaCell row={replicaRow(registry, replica, health, availability)} />
                      ) : (
                        <span className={styles.none}>—</span>
                      )}
                    </TableCell>
                  );
                })}
              </TableRow>
            );
          })}
          {padBottom > 0 ? (
            <tr aria-hidden="true" style={{ height: padBottom }}>
              <td colSpan={width} />
            </tr>
          ) : null}
        </TableBody>
      </Table>
    </div>
  );
}

/** A registry's lowest replica availability: "99.52 %" (its vantage in the title) or "No data". */
function AvailabilityCell({ value }: { value: ReplicaAvailability | null }) {
  const text = formatAvailability(value);
  return (
    <TableCell
      data-availability={text}
      title={
        value
          ? `Lowest replica: ${Math.round(value.ok)} of ${Math.round(value.total)} probes ok from ${value.vantage} (${value.vantages} vantage${value.vantages === 1 ? "" : "s"})`
          : "No probes in the last 24 h"
      }
    >
      {value ? `${text} %` : text}
    </TableCell>
  );
}
