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
import Link from "next/link";
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
});

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

/** "5 / 7" replicas Ready, or a dash without replicas. */
function readyLabel(registry: Registry): string {
  const h = registry.health;
  return h && h.replicas > 0 ? `${h.readyReplicas} / ${h.replicas}` : "—";
}

/**
 * The registries of the inventory (role `table`, name `Registries`); headers sort. With
 * `showHealth`, two more columns from the fleet reading: replicas Ready / total and the number of
 * attention items, linking to the fleet page filtered to the registry.
 */
export function InventoryTable({
  registries,
  view,
  onSort,
  subscriptionName,
  showHealth = false,
}: {
  registries: Registry[];
  view: Pick<InventoryView, "sort" | "dir">;
  onSort: (key: SortKey) => void;
  subscriptionName: (subscriptionId: string) => string;
  showHealth?: boolean;
}) {
  const styles = useStyles();
  const columns = showHealth ? [...COLUMNS, ...HEALTH_COLUMNS] : COLUMNS;
  return (
    <div className={styles.scroll}>
      <Table aria-label="Registries" sortable size="small" className={styles.table}>
        <TableHeader>
          <TableRow>
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
        <TableBody>
          {registries.map((r) => (
            <TableRow key={r.id} data-registry={r.name}>
              <TableCell>
                <Link href={registryPageUrl(r)} className={styles.name}>
                  {r.name}
                </Link>
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
                      <Link
                        href={`/fleet?q=${encodeURIComponent(r.name)}`}
                        className={styles.name}
                        aria-label={`${r.health.attention} to look at in ${r.name}`}
                      >
                        {r.health.attention}
                      </Link>
                    ) : (
                      (r.health?.attention ?? "—")
                    )}
                  </TableCell>
                </>
              ) : null}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
