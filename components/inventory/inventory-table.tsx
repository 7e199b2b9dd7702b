"use client";
import {
  Badge,
  makeStyles,
  mergeClasses,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from "@fluentui/react-components";
import { useWindowVirtualizer, type Range } from "@tanstack/react-virtual";
import { useRouter } from "next/navigation";
import { memo, useCallback, useLayoutEffect, useMemo, useRef, useState } from "react";
import { registryPageUrl } from "@/lib/arm-id";
import type { Registry } from "@/lib/types";
import { ProvisioningBadge } from "@/components/ui/provisioning-badge";
import { SCROLLING_TABLE } from "@/components/ui/scroll-region";
import { regionalEndpointsLabel, type InventoryView, type SortKey } from "./inventory-view";

/** From this many rows on, only the rows near the viewport are in the DOM. */
export const VIRTUALIZE_FROM = 100;
/** The height of every row of a long inventory (one line): known, so never measured. */
export const ROW_PX = 41;
/** Rows rendered beyond each edge of the viewport, so a fast scroll shows no blank. */
const OVERSCAN_ROWS = 6;
/**
 * Rows come and go this many at a time: the rendered range moves in whole blocks, so most
 * frames of a scroll change nothing in the DOM (a row at a time would lay out and paint the
 * page in every frame).
 */
const BLOCK_ROWS = 8;

/**
 * The rows to render for the visible range: from its overscan's first row, rounded down to a
 * block, a fixed number of whole blocks that covers the range and its overscan below. Both ends
 * move together, a block at a time.
 */
export function blockRange(range: Range): number[] {
  const visible = range.endIndex - range.startIndex + 1;
  const blocks = Math.ceil((visible + 2 * range.overscan) / BLOCK_ROWS) + 1;
  const start = Math.max(
    0,
    Math.floor((range.startIndex - range.overscan) / BLOCK_ROWS) * BLOCK_ROWS,
  );
  const end = Math.min(range.count, start + blocks * BLOCK_ROWS);
  return Array.from({ length: Math.max(0, end - start) }, (_, i) => start + i);
}

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
  /*
   * A long inventory lays out as a grid of fixed-height rows rather than as a table: each
   * column has a set share of the width (a table sizes its columns from every rendered cell, so
   * each row that scrolls in would lay the whole table out again), and each row sits on its own
   * at its offset, so rows that come and go touch nothing else. Cells keep to one line; what does
   * not fit ends in an ellipsis (the whole text stays in the DOM for readers).
   */
  gridTable: { display: "block", minWidth: "900px" },
  gridSection: { display: "block" },
  gridBody: { display: "block", position: "relative" },
  gridRow: { display: "grid", alignItems: "center", boxSizing: "border-box" },
  // Plain elements styled as Fluent's small table rows and cells: a row that scrolls in costs
  // the elements it shows and nothing more.
  gridBodyRow: {
    position: "absolute",
    left: 0,
    width: "100%",
    height: `${ROW_PX}px`,
    contain: "size layout style",
    color: tokens.colorNeutralForeground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    ":hover": {
      backgroundColor: tokens.colorSubtleBackgroundHover,
      color: tokens.colorNeutralForeground1Hover,
    },
    "@media (forced-colors: active)": { ":hover": { color: "Highlight" } },
  },
  gridCell: {
    display: "block",
    minWidth: 0,
    padding: `0 ${tokens.spacingHorizontalS}`,
    overflow: "hidden",
    whiteSpace: "nowrap",
    textOverflow: "ellipsis",
  },
  gridHeaderCell: { minWidth: 0 },
  // A column whose data is still arriving: its title in the muted text colour.
  waitingHeader: { color: tokens.colorNeutralForeground3 },
  oneLine: {
    display: "block",
    overflow: "hidden",
    whiteSpace: "nowrap",
    textOverflow: "ellipsis",
    // Inside its cell, which clips what overflows: the focus ring too, were it outside.
    outlineOffset: "-2px",
  },
  oneLineBadge: { maxWidth: "100%", verticalAlign: "middle" },
  badgeText: { overflow: "hidden", textOverflow: "ellipsis" },
});

/** A click the browser would handle itself: a new tab or window, a download, not the main button. */
function opensElsewhere(event: React.MouseEvent<HTMLAnchorElement>): boolean {
  return (
    event.defaultPrevented ||
    event.button !== 0 ||
    event.metaKey ||
    event.ctrlKey ||
    event.shiftKey ||
    event.altKey
  );
}

/**
 * A link to a registry's page that the router prefetches on intent only (pointer over it, focus,
 * touch), never because it scrolled into view: a long inventory would otherwise ask the server
 * for a page per visible row while the user scrolls past them. A plain anchor whose click the
 * router follows (a new tab, a window, a download stay the browser's): next/link's own work
 * for each link, every time a row shows another registry, is most of a sort's rendering.
 * Memoised on what it shows: a row that renders again for its health columns keeps its links.
 */
const IntentLink = memo(function IntentLink({
  href,
  className,
  children,
  label,
}: {
  href: string;
  className: string;
  children: string | number;
  label?: string;
}) {
  const router = useRouter();
  // The href already asked for: a row of the long inventory shows another registry after a sort.
  const prefetched = useRef<string | null>(null);
  const prefetch = useCallback(() => {
    if (prefetched.current === href) return;
    prefetched.current = href;
    router.prefetch(href);
  }, [router, href]);
  return (
    <a
      href={href}
      className={className}
      aria-label={label}
      onMouseEnter={prefetch}
      onFocus={prefetch}
      onTouchStart={prefetch}
      onClick={(event) => {
        if (opensElsewhere(event)) return;
        event.preventDefault();
        router.push(href);
      }}
    >
      {children}
    </a>
  );
});

/** A column: its sort key, header, and share of the width in the grid layout (`fr`). */
interface Column {
  key: SortKey;
  label: string;
  share: number;
}

const HEALTH_COLUMNS: Column[] = [
  { key: "ready", label: "Ready replicas", share: 0.9 },
  { key: "attention", label: "Attention", share: 0.8 },
];

const COLUMNS: Column[] = [
  { key: "name", label: "Name", share: 1.6 },
  { key: "resourceGroup", label: "Resource group", share: 1.3 },
  { key: "subscription", label: "Subscription", share: 1.4 },
  { key: "location", label: "Location", share: 1 },
  { key: "sku", label: "SKU", share: 0.8 },
  { key: "replicas", label: "Replicas", share: 0.7 },
  { key: "regional", label: "Regional endpoints", share: 1.3 },
  { key: "data", label: "Data endpoints", share: 0.8 },
  { key: "state", label: "Provisioning state", share: 1 },
];

const ALL_COLUMNS = [...COLUMNS, ...HEALTH_COLUMNS];
const NO_COLUMNS: Column[] = [];

const gridStyleOf = (columns: Column[]): React.CSSProperties => ({
  gridTemplateColumns: columns.map((c) => `minmax(0, ${c.share}fr)`).join(" "),
});

/**
 * The grid layout's columns. While the rows arrive, the health columns' space is kept, so when
 * the health arrives (with the end of the inventory) no column changes width and the rows on
 * screen do not lay their cells out again; an inventory that ends without health gets the other
 * columns' widths. Constant objects: memoised rows see a change only when the layout changes.
 */
const GRID_WITH_HEALTH = gridStyleOf(ALL_COLUMNS);
const GRID_WITHOUT_HEALTH = gridStyleOf(COLUMNS);

/** Memoised on what it says: after a sort most rows' badges say what they said before. */
const RegionalBadge = memo(function RegionalBadge({
  label,
  sku,
  oneLine,
}: {
  label: string;
  sku: Registry["sku"];
  oneLine: boolean;
}) {
  const styles = useStyles();
  const color = label === "On" ? "success" : label === "Off" ? "informative" : "subtle";
  const text = label === "Not available" ? `Not available (${sku})` : label;
  return (
    <Badge appearance="tint" color={color} className={oneLine ? styles.oneLineBadge : styles.badge}>
      {oneLine ? <span className={styles.badgeText}>{text}</span> : text}
    </Badge>
  );
});

/** "5 / 7" replicas Ready, or a dash without replicas. */
function readyLabel(registry: Registry): string {
  const h = registry.health;
  return h && h.replicas > 0 ? `${h.readyReplicas} / ${h.replicas}` : "—";
}

/** What one registry's cells show, in column order. */
function cellContents(
  r: Registry,
  subscriptionName: (subscriptionId: string) => string,
  showHealth: boolean,
  linkClass: string,
  oneLine: boolean,
): React.ReactNode[] {
  const cells: React.ReactNode[] = [
    <IntentLink key="name" href={registryPageUrl(r)} className={linkClass}>
      {r.name}
    </IntentLink>,
    r.resourceGroup,
    subscriptionName(r.subscriptionId),
    r.location,
    r.sku,
    r.replicaCount ?? "—",
    <RegionalBadge
      key="regional"
      label={regionalEndpointsLabel(r)}
      sku={r.sku}
      oneLine={oneLine}
    />,
    r.dataEndpointEnabled ? "On" : "Off",
    <ProvisioningBadge key="state" state={r.provisioningState} />,
  ];
  if (showHealth) {
    cells.push(
      readyLabel(r),
      r.health && r.health.attention > 0 ? (
        <IntentLink
          key="attention"
          href={`/fleet?q=${encodeURIComponent(r.name)}`}
          className={linkClass}
          label={`${r.health.attention} to look at in ${r.name}`}
        >
          {r.health.attention}
        </IntentLink>
      ) : (
        (r.health?.attention ?? "—")
      ),
    );
  }
  return cells;
}

interface RowProps {
  registry: Registry;
  index: number;
  subscriptionName: (subscriptionId: string) => string;
  showHealth: boolean;
}

/**
 * One registry's row of a short inventory, in the table's own layout. Memoised: a new view
 * renders only the rows it changes.
 */
const InventoryRow = memo(function InventoryRow({
  registry: r,
  index,
  subscriptionName,
  showHealth,
}: RowProps) {
  const styles = useStyles();
  return (
    <TableRow data-registry={r.name} data-index={index} aria-rowindex={index + 2}>
      {cellContents(r, subscriptionName, showHealth, styles.name, false).map((content, i) => (
        <TableCell key={i}>{content}</TableCell>
      ))}
    </TableRow>
  );
});

/** The grid layout's class names, merged once per table rather than once per row rendered. */
interface GridClasses {
  row: string;
  cell: string;
  link: string;
}

/**
 * One registry's row of a long inventory, in the grid layout: placed `top` px into the body,
 * one line high. Memoised: while the table scrolls, only rows coming into view render; its
 * links and badges are memoised too, so a row that renders again for its health columns
 * changes only those.
 */
const GridRow = memo(function GridRow({
  registry: r,
  index,
  top,
  subscriptionName,
  showHealth,
  classes,
  gridStyle,
}: RowProps & { top: number; classes: GridClasses; gridStyle: React.CSSProperties }) {
  return (
    <tr
      data-registry={r.name}
      data-index={index}
      aria-rowindex={index + 2}
      role="row"
      className={classes.row}
      style={{ ...gridStyle, top }}
    >
      {cellContents(r, subscriptionName, showHealth, classes.link, true).map((content, i) => (
        <td
          key={i}
          // The explicit role: some browsers take a cell's role away with its table display.
          // eslint-disable-next-line jsx-a11y/no-interactive-element-to-noninteractive-role
          role="cell"
          className={classes.cell}
          // A text that may end in an ellipsis shows whole on hover.
          title={typeof content === "string" ? content : undefined}
        >
          {content}
        </td>
      ))}
    </tr>
  );
});

/** The header row; memoised, so that scrolling (which renders the table) leaves it alone. */
const HeaderRow = memo(function HeaderRow({
  columns,
  sort,
  dir,
  onSort,
  pending = NO_COLUMNS,
  rowClass,
  cellClass,
  gridStyle,
}: {
  columns: Column[];
  /** Columns whose data is still arriving: titled, not sortable yet. */
  pending?: Column[];
  sort: SortKey;
  dir: InventoryView["dir"];
  onSort: (key: SortKey) => void;
  rowClass?: string;
  cellClass?: string;
  /** The grid layout's columns; its rows and cells then carry their roles. */
  gridStyle?: React.CSSProperties;
}) {
  const grid = gridStyle !== undefined;
  const styles = useStyles();
  return (
    <TableRow
      aria-rowindex={1}
      className={rowClass}
      style={gridStyle}
      role={grid ? "row" : undefined}
    >
      {columns.map((column) => (
        <TableHeaderCell
          key={column.key}
          className={cellClass}
          role={grid ? "columnheader" : undefined}
          sortDirection={
            sort === column.key ? (dir === "asc" ? "ascending" : "descending") : undefined
          }
          onClick={() => onSort(column.key)}
        >
          {column.label}
        </TableHeaderCell>
      ))}
      {pending.map((column) => (
        <TableHeaderCell
          key={column.key}
          className={mergeClasses(cellClass, styles.waitingHeader)}
          role={grid ? "columnheader" : undefined}
          sortable={false}
          aria-disabled
        >
          {column.label}
        </TableHeaderCell>
      ))}
    </TableRow>
  );
});

/**
 * The registries of the inventory (role `table`, name `Registries`); headers sort. From
 * `VIRTUALIZE_FROM` rows on, only the rows near the viewport are rendered, each `ROW_PX` high
 * and placed at its offset (the page keeps its full height, `aria-rowcount` and `aria-rowindex`
 * tell readers where they are). `aria-busy` while the inventory is still arriving. With
 * `showHealth`, two more columns from the fleet reading: replicas Ready / total and the number of
 * attention items, linking to the fleet page filtered to the registry; the grid layout keeps
 * their space while the rows arrive (titled but not sortable, their cells empty until the health
 * comes), so no column changes width then, and gives it back to the other columns if the
 * inventory ends without health.
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
  /** Stable between views (the header renders again only when it changes). */
  onSort: (key: SortKey) => void;
  subscriptionName: (subscriptionId: string) => string;
  showHealth?: boolean;
  /** Rows are still arriving (`aria-busy`). */
  busy?: boolean;
}) {
  const styles = useStyles();
  const columns = showHealth ? ALL_COLUMNS : COLUMNS;
  const gridStyle = showHealth || busy ? GRID_WITH_HEALTH : GRID_WITHOUT_HEALTH;
  const virtual = registries.length >= VIRTUALIZE_FROM;
  // The space kept for the health columns carries their titles while the rows arrive.
  const pending = virtual && busy && !showHealth ? HEALTH_COLUMNS : NO_COLUMNS;
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
  // Stable across renders (scrolling renders the table every frame): memoised rows stay as they are.
  const gridClasses = useMemo<GridClasses>(
    () => ({
      row: mergeClasses(styles.gridRow, styles.gridBodyRow),
      cell: styles.gridCell,
      link: mergeClasses(styles.name, styles.oneLine),
    }),
    [styles],
  );
  const virtualizer = useWindowVirtualizer({
    count: virtual ? registries.length : 0,
    estimateSize: () => ROW_PX,
    overscan: OVERSCAN_ROWS,
    rangeExtractor: blockRange,
    scrollMargin,
    // Items are keyed by position (the default), like the rows: a key per registry would be a
    // new function with every list, and the virtualizer would place all its items again.
    // Rows render in React's own time, not inside the scroll event.
    useFlushSync: false,
  });
  const items = virtualizer.getVirtualItems();

  return (
    <div className={styles.scroll}>
      <Table
        aria-label="Registries"
        aria-rowcount={registries.length + 1}
        aria-busy={busy}
        sortable
        size="small"
        className={virtual ? styles.gridTable : styles.table}
        // Some browsers take table semantics away with a table's display; the roles keep them.
        role={virtual ? "table" : undefined}
      >
        <TableHeader
          className={virtual ? styles.gridSection : undefined}
          role={virtual ? "rowgroup" : undefined}
        >
          <HeaderRow
            columns={columns}
            pending={pending}
            sort={view.sort}
            dir={view.dir}
            onSort={onSort}
            rowClass={virtual ? styles.gridRow : undefined}
            cellClass={virtual ? styles.gridHeaderCell : undefined}
            gridStyle={virtual ? gridStyle : undefined}
          />
        </TableHeader>
        <TableBody
          ref={bodyRef}
          className={virtual ? styles.gridBody : undefined}
          role={virtual ? "rowgroup" : undefined}
          style={virtual ? { height: virtualizer.getTotalSize() } : undefined}
        >
          {virtual
            ? items.map((item) => {
                const r = registries[item.index] as Registry;
                return (
                  <GridRow
                    // By position: after a sort or a filter the rows on screen are updated in
                    // place rather than built again.
                    key={item.index}
                    registry={r}
                    index={item.index}
                    top={item.start - scrollMargin}
                    classes={gridClasses}
                    gridStyle={gridStyle}
                    subscriptionName={subscriptionName}
                    showHealth={showHealth}
                  />
                );
              })
            : registries.map((r, index) => (
                <InventoryRow
                  key={r.id}
                  registry={r}
                  index={index}
                  subscriptionName={subscriptionName}
                  showHealth={showHealth}
                />
              ))}
        </TableBody>
      </Table>
    </div>
  );
}
