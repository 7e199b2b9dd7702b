"use client";
import { Button, Caption1, makeStyles, Text, Title2, tokens } from "@fluentui/react-components";
import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { useRegistryInventory } from "@/lib/queries/inventory";
import { useSubscriptions } from "@/lib/queries/subscriptions";
import type { Subscription } from "@/lib/types";
import { ApiErrorMessage } from "@/components/ui/api-error-message";
import { formatUtc } from "@/components/ui/format";
import { TableSkeleton } from "@/components/ui/table-skeleton";
import { GoToRegistry } from "./go-to-registry";
import { InventoryFilters } from "./inventory-filters";
import { InventoryTable } from "./inventory-table";
import { RefreshInventory } from "./refresh-inventory";
import {
  applyInventoryView,
  DEFAULT_VIEW,
  inventoryViewQuery,
  parseInventoryView,
  type InventoryView,
  type SortKey,
} from "./inventory-view";
import { SubscriptionFailures } from "./subscription-failures";

const useStyles = makeStyles({
  root: { display: "grid", gap: tokens.spacingVerticalL },
  bar: {
    display: "flex",
    flexWrap: "wrap",
    justifyContent: "space-between",
    alignItems: "end",
    gap: tokens.spacingHorizontalXL,
  },
  // Never wider than a narrow screen.
  go: { minWidth: "min(360px, 100%)" },
  empty: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalM },
  status: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    gap: tokens.spacingHorizontalM,
  },
});

const NO_SUBSCRIPTIONS: Subscription[] = [];

/** How long after a change of view the URL follows it. */
const URL_DELAY_MS = 150;

/**
 * The inventory page: every registry the user can see, filtered and sorted by the URL. Sorting
 * and filtering happen in the browser on the loaded inventory, and the view is written to the
 * URL with the History API (which Next.js's router follows), so neither asks the server for
 * anything, and a reload or a shared link shows the same view. The page shows a new view at once
 * from its own state; the router's following of the URL comes after and changes nothing more.
 */
export function Inventory() {
  const styles = useStyles();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  // The view as the URL has it; a URL that changes otherwise (back, forward, a link) wins.
  const urlQuery = inventoryViewQuery(parseInventoryView(searchParams));
  const [query, setQuery] = useState(urlQuery);
  const [seenUrlQuery, setSeenUrlQuery] = useState(urlQuery);
  if (urlQuery !== seenUrlQuery) {
    setSeenUrlQuery(urlQuery);
    setQuery(urlQuery);
  }
  const view = useMemo(() => parseInventoryView(new URLSearchParams(query)), [query]);
  const inventory = useRegistryInventory();
  const subscriptions = useSubscriptions();

  const names = useMemo(
    () =>
      new Map(
        (subscriptions.data ?? []).map((s) => [s.subscriptionId.toLowerCase(), s.displayName]),
      ),
    [subscriptions.data],
  );
  const subscriptionName = useCallback((id: string) => names.get(id.toLowerCase()) ?? id, [names]);

  // The URL follows a new view shortly after (the last of quick changes, such as typing), so
  // that the router's following of it comes after the frame that shows the view.
  const pendingUrl = useRef<string | null>(null);
  const urlTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const writeUrl = useCallback(() => {
    clearTimeout(urlTimer.current);
    const url = pendingUrl.current;
    pendingUrl.current = null;
    // Next.js's router follows the History API: the URL is the view's, with no request.
    if (url !== null) window.history.replaceState(null, "", url);
  }, []);
  useEffect(() => {
    // Leaving or reloading the page at once keeps the view in the URL; unmounting (another
    // page already in the URL) drops what is pending.
    window.addEventListener("pagehide", writeUrl);
    return () => {
      window.removeEventListener("pagehide", writeUrl);
      clearTimeout(urlTimer.current);
      pendingUrl.current = null;
    };
  }, [writeUrl]);
  // The view shown, for the handlers below: they stay the same functions from view to view, so
  // the filters and the table's headers (memoised) do not render again for every sort.
  const shownView = useRef(view);
  useLayoutEffect(() => {
    shownView.current = view;
  }, [view]);
  const setView = useCallback(
    (patch: Partial<InventoryView>) => {
      const next = inventoryViewQuery({ ...shownView.current, ...patch });
      setQuery(next);
      pendingUrl.current = `${pathname}${next}`;
      clearTimeout(urlTimer.current);
      urlTimer.current = setTimeout(writeUrl, URL_DELAY_MS);
    },
    [pathname, writeUrl],
  );
  const onSort = useCallback(
    (key: SortKey) => {
      const { sort, dir } = shownView.current;
      setView({ sort: key, dir: sort === key && dir === "asc" ? "desc" : "asc" });
    },
    [setView],
  );
  // The filters' part of the view: the same object while only the sort changes.
  const filters = useMemo(
    () => ({ q: view.q, sku: view.sku, subscription: view.subscription }),
    [view.q, view.sku, view.subscription],
  );

  const all = useMemo(() => inventory.data?.registries ?? [], [inventory.data]);
  const shown = useMemo(
    () => applyInventoryView(all, view, subscriptionName),
    [all, view, subscriptionName],
  );
  const filtered = view.q !== "" || view.sku !== null || view.subscription !== null;

  return (
    <div className={styles.root}>
      <div className={styles.bar}>
        <Title2 as="h1">Container registries</Title2>
        <div className={styles.go}>
          <GoToRegistry registries={all} />
        </div>
      </div>
      <InventoryFilters
        view={filters}
        subscriptions={subscriptions.data ?? NO_SUBSCRIPTIONS}
        onChange={setView}
      />
      {inventory.data ? (
        <SubscriptionFailures
          failures={inventory.data.failures}
          subscriptionName={subscriptionName}
        />
      ) : null}
      {inventory.isPending ? (
        <TableSkeleton rows={6} label="Loading registries" />
      ) : inventory.isError ? (
        <ApiErrorMessage
          error={inventory.error}
          what="the registries"
          onRetry={() => void inventory.refetch()}
        />
      ) : all.length === 0 && !inventory.data.loading ? (
        <Text>No container registries in the subscriptions you can see.</Text>
      ) : (
        <>
          <div className={styles.status}>
            <Caption1 aria-live="polite">
              Showing {shown.length} of {all.length} registries
              {inventory.data.loading
                ? `; reading registries (${inventory.data.loading.read} of ${inventory.data.loading.subscriptions} subscriptions)…`
                : ""}
              {inventory.data.health
                ? `; replica health from ${
                    inventory.data.health.source === "resource-graph"
                      ? "Azure Resource Graph"
                      : "ARM's replication lists"
                  } as of ${formatUtc(inventory.data.health.asOf)}`
                : ""}
            </Caption1>
            <RefreshInventory
              updatedAt={inventory.dataUpdatedAt}
              refreshing={inventory.isFetching}
              onRefresh={() => void inventory.refetch()}
            />
          </div>
          {shown.length === 0 && !inventory.data.loading ? (
            <div className={styles.empty}>
              <Text>No registry matches these filters.</Text>
              {filtered ? (
                <Button
                  onClick={() => setView({ ...DEFAULT_VIEW, sort: view.sort, dir: view.dir })}
                >
                  Clear filters
                </Button>
              ) : null}
            </div>
          ) : (
            <InventoryTable
              registries={shown}
              view={view}
              onSort={onSort}
              subscriptionName={subscriptionName}
              showHealth={inventory.data.health !== undefined}
              busy={inventory.data.loading !== undefined}
            />
          )}
        </>
      )}
    </div>
  );
}
