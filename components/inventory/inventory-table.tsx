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
  tokens,
} from "@fluentui/react-components";
import { useWindowVirtualizer } from "@tanstack/react-virtual";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { memo, useCallback, useLayoutEffect, useRef, useState } from "react";
import { registryPageUrl } from "@/lib/arm-id";
import type { Registry } from "@/lib/types";
import { ProvisioningBadge } from "@/components/ui/provisioning-badge";
import { SCROLLING_TABLE } from "@/components/ui/scroll-region";
import { regionalEndpointsLabel, type InventoryView, type SortKey } from "./inventory-view";

const useStyles = makeStyles({
  name: {
    color: tokens.colorBrandForegroundLink,
    fontWeight: tokens.fontWeightSemibold,
    textDecorationLine: "none",
    // Long registry names wrap inside their cell rather than run under the next column.
    overflowWrap: "anywhere",
    ":hover": { textDecorationLine: "underline" },
  },
  // Fluent tables lay out fixed, so a badge that cannot wrap spills into the next column when its
  // column is narrower than its text: this one wraps inside its cell instead, at any width.
  badge: {
    whiteSpace: "normal",
    height: "auto",
    minHeight: "20px",
    maxWidth: "100%",
    textAlign: "start",
    overflowWrap: "anywhere",
  },
  // Wide enough for its nine columns; narrower screens scroll it inside its region.
  table: { ...SCROLLING_TABLE, minWidth: "900px" },
  scroll: { overflowX: "auto", maxWidth: "100%" },
  // Stands for the rows above or below the rendered ones: no cells, no borders.
  spacer: { border: "none", padding: 0, ":hover": { backgroundColor: "transparent" } },
});

/** From this many rows on, only the rows near the viewport are in the DOM. */
export const VIRTUALIZE_FROM = 100;
/** A row of the small table, one line high; rows that wrap are measured as they render. */
const ESTIMATED_ROW_PX = 41;
/** Rows rendered beyond each edge of the viewport, so a fast scroll shows no blank. */
const OVERSCAN_ROWS = 12;

/**
 * A link to a registry's page that the router prefetches on intent only (pointer over it, focus,
 * touch), never because it scrolled into view: a long inventory would otherwise ask the server
 * for a page per visible row while the user scrolls past them.
 */
function IntentLink({
  href,
  className,
  children,
  label,
}: {
  href: string;
  className: string;
  children: React.ReactNode;
  label?: string;
}) {
  const router = useRouter();
  const prefetched = useRef(false);
  const prefetch = useCallback(() => {
    if (prefetched.current) return;
    prefetched.current = true;
    router.prefetch(href);
  }, [router, href]);
  return (
    <Link
      href={href}
      prefetch={false}
      className={className}
      aria-label={label}
      onMouseEnter={prefetch}
      onFocus={prefetch}
      onTouchStart={prefetch}
    >
      {children}
    </Link>
  );
}

const HEALTH_COLUMNS: { key: SortKey; label: string }[] = [
  { key: "ready", label: "Ready replicas" },
  { key: "attention", label: "Attention" },
];

const COLUMNS: { key: SortKey; label: string }[] = [
  { key: "name", label: "Name" },
  { key: "resourceGroup", label: "Resource group" },
  { key: "subscription", label: "Subscription" },
  { key: "location", label: "Location" },
  { key: "sku", label: "SKU" },
  { key: "replicas", label: "Replicas" },
  { key: "regional", label: "Regional endpoints" },
  { key: "data", label: "Data endpoints" },
  { key: "state", label: "Provisioning state" },
];

function RegionalBadge({ registry }: { registry: Registry }) {
  const styles = useStyles();
  const label = regionalEndpointsLabel(registry);
  const color = label === "On" ? "success" : label === "Off" ? "informative" : "subtle";
  return (
    <Badge appearance="tint" color={color} className={styles.badge}>
      {label === "Not available" ? `Not available (${registry.sku})` : label}
    </Badge>
  );
}

/** The height of the rows not rendered, as one row without content (hidden from readers). */
function Spacer({ height, columns }: { height: number; columns: number }) {
  const styles = useStyles();
  return (
    <TableRow aria-hidden className={styles.spacer} style={{ height }}>
      <TableCell colSpan={columns} className={styles.spacer} />
    </TableRow>
  );
}

/** "5 / 7" replicas Ready, or a dash without replicas. */
function readyLabel(registry: Registry): string {
  const h = registry.health;
  return h && h.replicas > 0 ? `${h.readyReplicas} / ${h.replicas}` : "—";
}

/**
 * One registry's row. Memoised: while the table scrolls, only rows coming into view render, not
 * every row already on screen.
 */
const InventoryRow = memo(function InventoryRow({
  registry: r,
  index,
  measure,
  subscriptionName,
  showHealth,
}: {
  registry: Registry;
  index: number;
  measure?: (element: Element | null) => void;
  subscriptionName: (subscriptionId: string) => string;
  showHealth: boolean;
}) {
  const styles = useStyles();
  return (
    <TableRow data-registry={r.name} data-index={index} aria-rowindex={index + 2} ref={measure}>
      <TableCell>
        <IntentLink href={registryPageUrl(r)} className={styles.name}>
          {r.name}
        </IntentLink>
      </TableCell>
      <TableCell>{r.resourceGroup}</TableCell>
      <TableCell>{subscriptionName(r.subscriptionId)}</TableCell>
      <TableCell>{r.location}</TableCell>
      <TableCell>{r.sku}</TableCell>
      <TableCell>{r.replicaCount ?? "—"}</TableCell>
      <TableCell>
        <RegionalBadge registry={r} />
      </TableCell>
      <TableCell>{r.dataEndpointEnabled ? "On" : "Off"}</TableCell>
      <TableCell>
        <ProvisioningBadge state={r.provisioningState} />
      </TableCell>
      {showHealth ? (
        <>
          <TableCell>{readyLabel(r)}</TableCell>
          <TableCell>
            {r.health && r.health.attention > 0 ? (
              <IntentLink
                href={`/fleet?q=${encodeURIComponent(r.name)}`}
                className={styles.name}
                label={`${r.health.attention} to look at in ${r.name}`}
              >
                {r.health.attention}
              </IntentLink>
            ) : (
              (r.health?.attention ?? "—")
            )}
          </TableCell>
        </>
      ) : null}
    </TableRow>
  );
});

/**
 * The registries of the inventory (role `table`, name `Registries`); headers sort. From
 * `VIRTUALIZE_FROM` rows on, only the rows near the viewport are rendered (the page keeps its
 * full height, `aria-rowcount` and `aria-rowindex` tell readers where they are). `aria-busy`
 * while the inventory is still arriving. With
 * `showHealth`, two more columns from the fleet reading: replicas Ready / total and the number of
 * attention items, linking to the fleet page filtered to the registry.
 */
export function InventoryTable({
  registries,
  view,
  onSort,
  subscriptionName,
  showHealth = false,
  busy = false,
}: {
  registries: Registry[];
  view: Pick<InventoryView, "sort" | "dir">;
  onSort: (key: SortKey) => void;
  subscriptionName: (subscriptionId: string) => string;
  showHealth?: boolean;
  /** Rows are still arriving (`aria-busy`). */
  busy?: boolean;
}) {
  const styles = useStyles();
  const columns = showHealth ? [...COLUMNS, ...HEALTH_COLUMNS] : COLUMNS;
  const virtual = registries.length >= VIRTUALIZE_FROM;
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  // The page scrolls, not the table: rows are placed from the body's offset in the document.
  const [scrollMargin, setScrollMargin] = useState(0);
  useLayoutEffect(() => {
    const body = bodyRef.current;
    if (!virtual || !body) return;
    const update = () => setScrollMargin(body.getBoundingClientRect().top + window.scrollY);
    update();
    const observer = new ResizeObserver(update);
    observer.observe(document.body);
    return () => observer.disconnect();
  }, [virtual]);
  const virtualizer = useWindowVirtualizer({
    count: virtual ? registries.length : 0,
    estimateSize: () => ESTIMATED_ROW_PX,
    overscan: OVERSCAN_ROWS,
    scrollMargin,
    getItemKey: (index) => registries[index]?.id ?? index,
  });
  const items = virtualizer.getVirtualItems();
  const padTop = items.length > 0 ? (items[0]?.start ?? 0) - scrollMargin : 0;
  const padBottom =
    items.length > 0 ? virtualizer.getTotalSize() - ((items.at(-1)?.end ?? 0) - scrollMargin) : 0;
  const measure = virtual ? virtualizer.measureElement : undefined;

  const renderRow = (r: Registry, index: number) => (
    <InventoryRow
      key={r.id}
      registry={r}
      index={index}
      measure={measure}
      subscriptionName={subscriptionName}
      showHealth={showHealth}
    />
  );

  return (
    <div className={styles.scroll}>
      <Table
        aria-label="Registries"
        aria-rowcount={registries.length + 1}
        aria-busy={busy}
        sortable
        size="small"
        className={styles.table}
      >
        <TableHeader>
          <TableRow aria-rowindex={1}>
            {columns.map((column) => (
              <TableHeaderCell
                key={column.key}
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
          </TableRow>
        </TableHeader>
        <TableBody ref={bodyRef}>
          {virtual ? (
            <>
              {padTop > 0 ? <Spacer height={padTop} columns={columns.length} /> : null}
              {items.map((item) => renderRow(registries[item.index] as Registry, item.index))}
              {padBottom > 0 ? <Spacer height={padBottom} columns={columns.length} /> : null}
            </>
          ) : (
            registries.map((r, index) => renderRow(r, index))
          )}
        </TableBody>
      </Table>
    </div>
  );
}
