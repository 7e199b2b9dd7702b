"use client";
import { Button, Caption1, makeStyles, Text, Title2, tokens } from "@fluentui/react-components";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { attentionByRegistry, attentionFor } from "@/lib/fleet/shared/attention";
import { registryAvailability } from "@/lib/fleet/shared/availability";
import { replicaRows } from "@/lib/fleet/shared/replica-row";
import { fleetTotals } from "@/lib/fleet/shared/totals";
import type { EndpointHealth } from "@/lib/fleet/shared/types";
import {
  applyFleetView,
  DEFAULT_FLEET_VIEW,
  filterAttention,
  fleetViewQuery,
  isFiltered,
  parseFleetView,
  regionColumns,
  type FleetSortKey,
  type FleetView,
} from "@/lib/fleet/shared/view";
import { useFleet } from "@/lib/queries/fleet";
import { useSweepStream } from "@/lib/queries/fleet-stream";
import { useSubscriptions } from "@/lib/queries/subscriptions";
import { ApiErrorMessage } from "@/components/ui/api-error-message";
import { Section } from "@/components/ui/section";
import { TableSkeleton } from "@/components/ui/table-skeleton";
import { SubscriptionFailures } from "@/components/inventory/subscription-failures";
import { AttentionTable } from "./attention-table";
import { FleetExport } from "./fleet-export";
import { FleetFilters, type FilterChoices } from "./fleet-filters";
import { AvailabilitySource, FleetSource, FleetTotalsView } from "./fleet-summary";
import { ReplicaHealthGrid } from "./replica-health-grid";

const useStyles = makeStyles({
  root: { display: "grid", gap: tokens.spacingVerticalL },
  empty: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalM },
});

/**
 * The fleet page: totals, `Needs attention` and the `Replica health` grid of every registry the
 * user can read, with endpoint health streamed from the server's sweep. Filters and sort live in
 * the URL, so a shared link shows the same view.
 */
export function FleetHealth() {
  const styles = useStyles();
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const view = useMemo(() => parseFleetView(searchParams), [searchParams]);
  const fleet = useFleet();
  const subscriptions = useSubscriptions();
  const sweep = useSweepStream(fleet.isSuccess);

  const names = useMemo(
    () =>
      new Map(
        (subscriptions.data ?? []).map((s) => [s.subscriptionId.toLowerCase(), s.displayName]),
      ),
    [subscriptions.data],
  );
  const subscriptionName = useCallback((id: string) => names.get(id.toLowerCase()) ?? id, [names]);

  const setView = useCallback(
    (patch: Partial<FleetView>) =>
      router.replace(`${pathname}${fleetViewQuery({ ...view, ...patch })}`, { scroll: false }),
    [pathname, router, view],
  );
  const onSort = (key: FleetSortKey) =>
    setView({ sort: key, dir: view.sort === key && view.dir === "desc" ? "asc" : "desc" });

  const data = fleet.data;
  // The snapshot's health, updated by every result the sweep stream brings.
  const health = useMemo(() => {
    const merged = new Map<string, EndpointHealth>();
    for (const h of data?.health ?? []) merged.set(h.host.toLowerCase(), h);
    for (const [host, h] of sweep.health) {
      const known = merged.get(host);
      if (!known || known.at <= h.at) merged.set(host, h);
    }
    return merged;
  }, [data, sweep.health]);
  const now = sweep.lastRoundAt ? Date.parse(sweep.lastRoundAt) : data ? Date.parse(data.asOf) : 0;
  const attention = useMemo(() => {
    if (!data) return [];
    // The server's list knows since when each condition has been seen; the browser recomputes
    // with the newer endpoint health.
    const since = new Map(data.attention.map((i) => [i.key, i.since]));
    return attentionFor(data.registries, [...health.values()], {
      now: Math.max(now, Date.parse(data.asOf)),
      stuckAfterMs: data.stuckAfterMs,
      availability: data.availability,
      firstSeen: (key) => since.get(key) ?? null,
    });
  }, [data, health, now]);
  const byRegistry = useMemo(() => attentionByRegistry(attention), [attention]);
  const registries = useMemo(
    () =>
      data
        ? applyFleetView(
            data.registries,
            byRegistry,
            view,
            subscriptionName,
            (r) => registryAvailability(r, data.availability.replicas)?.pct ?? null,
          )
        : [],
    [data, byRegistry, view, subscriptionName],
  );
  const choices = useMemo<FilterChoices>(() => {
    const all = data?.registries ?? [];
    const uniq = (values: string[]) => [...new Set(values)].sort((a, b) => a.localeCompare(b));
    return {
      subscriptions: uniq(all.map((r) => r.subscriptionId)).map((id) => ({
        id,
        name: subscriptionName(id),
      })),
      resourceGroups: uniq(all.map((r) => r.resourceGroup)),
      regions: uniq(all.flatMap((r) => r.replicas.map((x) => x.region))),
      states: Object.keys(data ? fleetTotals(all, []).byStatus : {}).sort(),
    };
  }, [data, subscriptionName]);

  if (fleet.isPending) return <TableSkeleton rows={8} label="Reading the fleet" />;
  if (fleet.isError || !data) {
    return (
      <ApiErrorMessage error={fleet.error} what="the fleet" onRetry={() => void fleet.refetch()} />
    );
  }
  const shownAttention = filterAttention(attention, registries, view);
  const regions = regionColumns(registries, view);
  const link = `${typeof window === "undefined" ? "" : window.location.origin}${pathname}${fleetViewQuery(view)}`;
  return (
    <div className={styles.root}>
      <Title2 as="h1">Fleet health</Title2>
      <FleetSource fleet={data} sweep={sweep} />
      <AvailabilitySource availability={data.availability} />
      <SubscriptionFailures failures={data.failures} subscriptionName={subscriptionName} />
      <FleetTotalsView totals={fleetTotals(data.registries, attention)} />
      <FleetFilters view={view} choices={choices} onChange={setView} />
      <Section title="Needs attention">
        <AttentionTable items={shownAttention} now={Math.max(now, Date.parse(data.asOf))} />
      </Section>
      <Section
        title="Replica health"
        actions={
          <FleetExport
            rows={() =>
              replicaRows(registries, [...health.values()], view.region, data.availability.replicas)
            }
            attention={() => shownAttention}
            source={data.source}
            asOf={data.asOf}
            link={link}
            availability={data.availability}
          />
        }
      >
        <Caption1 aria-live="polite">
          Showing {registries.length} of {data.registries.length} registries
        </Caption1>
        {registries.length === 0 ? (
          <div className={styles.empty}>
            <Text>No registry matches these filters.</Text>
            {isFiltered(view) ? (
              <Button
                onClick={() => setView({ ...DEFAULT_FLEET_VIEW, sort: view.sort, dir: view.dir })}
              >
                Clear filters
              </Button>
            ) : null}
          </div>
        ) : (
          <ReplicaHealthGrid
            registries={registries}
            regions={regions}
            health={health}
            availability={data.availability.replicas}
            attentionCount={(id) => byRegistry.get(id.toLowerCase())?.length ?? 0}
            view={view}
            onSort={onSort}
            subscriptionName={subscriptionName}
          />
        )}
      </Section>
    </div>
  );
}
