"use client";
import { Caption1, makeStyles, Spinner, Text, tokens } from "@fluentui/react-components";
import { ArrowLeftRegular } from "@fluentui/react-icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useId } from "react";
import { endpointTableRows } from "@/lib/endpoints";
import { findInInventory, registryKeys } from "@/lib/queries/inventory";
import { useRegistry } from "@/lib/queries/registry";
import { useReplicaRouting } from "@/lib/queries/replica-routing";
import { useReplicas } from "@/lib/queries/replicas";
import { subscriptionsQueryOptions } from "@/lib/queries/subscriptions";
import type { Registry, RegistryInventory, RegistryRef, Replica } from "@/lib/types";
import { EndpointsExport } from "@/components/endpoints/endpoints-export";
import { EndpointsTable } from "@/components/endpoints/endpoints-table";
import { RegionCommands } from "@/components/endpoints/region-commands";
import { ProbesPanel } from "@/components/probes/probes-panel";
import { RegistryProbesProvider } from "@/components/probes/registry-probes";
import { ReplicaProbeCell } from "@/components/replicas/replica-probe-cell";
import { ReplicasTable, replicaColumns } from "@/components/replicas/replicas-table";
import { GlobalRoutingFailureRow } from "@/components/switches/global-routing-failure";
import { GlobalRoutingSwitch } from "@/components/switches/global-routing-switch";
import { RegionalEndpointsSwitch } from "@/components/switches/regional-endpoints-switch";
import { RoutingPermissionNotice } from "@/components/switches/routing-permission-notice";
import { ApiErrorMessage } from "@/components/ui/api-error-message";
import { HistorySection } from "@/components/vantages/history-section";
import { LatencyByVantage } from "@/components/vantages/latency-by-vantage";
import { formatUtc } from "@/components/ui/format";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { Section } from "@/components/ui/section";
import { TableSkeleton } from "@/components/ui/table-skeleton";
import { globalRoutingExplanation } from "./feature-states";
import { RegistryHeader } from "./registry-header";
import { RecentChanges } from "./recent-changes";
import { RegistryHeaderSkeleton } from "./registry-header-skeleton";
import { SectionNav, SECTION_IDS } from "./section-nav";
import { RegistryHealthCheck } from "../repro/registry-health-check";

const useStyles = makeStyles({
  back: {
    display: "inline-flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalXS,
    color: tokens.colorBrandForegroundLink,
    textDecorationLine: "none",
    ":hover": { textDecorationLine: "underline" },
  },
  backRow: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    justifyContent: "space-between",
    gap: tokens.spacingHorizontalL,
    marginBottom: tokens.spacingVerticalL,
  },
  refreshed: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS },
});

/**
 * The registry page: header, Endpoints, live probes, commands per region and Replicas. Costs two
 * ARM reads (registry GET, replication list), plus the subscription list on a deep link (for its
 * name); the replica list and the registry are then polled while the tab is visible. One probe
 * stream serves the probes panel, the Replicas table's probe column and the switch dialogs.
 */
export function RegistryView({ registryRef }: { registryRef: RegistryRef }) {
  const styles = useStyles();
  const queryClient = useQueryClient();
  const registry = useRegistry(registryRef);
  // The home region from the inventory already in this tab lets the replica list start at once.
  const cached = findInInventory(
    queryClient.getQueryData<RegistryInventory>(registryKeys.inventory()),
    registryRef,
  );
  const replicas = useReplicas(registryRef, registry.data?.location ?? cached?.location);
  // The subscription's display name: from the inventory's list when this tab has it (no ARM read),
  // else read once, so a deep link shows the name and not the GUID.
  const subscriptions = useQuery(subscriptionsQueryOptions());
  const subscriptionName = subscriptions.data?.find(
    (s) => s.subscriptionId.toLowerCase() === registryRef.subscriptionId.toLowerCase(),
  )?.displayName;

  return (
    <RegistryProbesProvider
      registry={registry.data}
      readAt={registry.dataUpdatedAt}
      replicas={replicas.data}
    >
      <div className={styles.backRow}>
        <Link href="/" className={styles.back}>
          <ArrowLeftRegular aria-hidden /> All registries
        </Link>
        {registry.isError && !registry.data ? null : <SectionNav />}
      </div>
      {registry.isPending ? (
        <RegistryHeaderSkeleton />
      ) : !registry.data ? (
        <ApiErrorMessage
          error={registry.error}
          what={`registry ${registryRef.name}`}
          onRetry={() => void registry.refetch()}
        />
      ) : (
        <RegistryHeader
          registry={registry.data}
          subscriptionName={subscriptionName}
          subscriptionPending={subscriptions.isPending}
          regionalEndpointsControl={
            <RegionalEndpointsSwitch
              registryRef={registryRef}
              registry={registry.data}
              replicas={replicas.data}
            />
          }
        />
      )}
      {registry.isError && !registry.data ? null : (
        <>
          <EndpointsSection registry={registry.data} replicas={replicas} />
          {registry.data ? <ProbesPanel registry={registry.data} replicas={replicas.data} /> : null}
          <Section title="Latency by vantage" id={SECTION_IDS.vantages}>
            {/* After the page's own read: the section's route reuses that answer (no second read). */}
            {registry.data ? (
              <LatencyByVantage registryRef={registryRef} />
            ) : (
              <TableSkeleton rows={2} label="Loading latency by vantage" />
            )}
          </Section>
          <Section title="History" id={SECTION_IDS.history}>
            {registry.data ? (
              <HistorySection registryRef={registryRef} />
            ) : (
              <TableSkeleton rows={2} label="Loading history" />
            )}
          </Section>
          <Section title="Commands per region" id={SECTION_IDS.commands}>
            {registry.data ? (
              <RegionCommands registry={registry.data} />
            ) : (
              <TableSkeleton rows={2} label="Loading commands" />
            )}
          </Section>
          <Section
            title="Replicas"
            id={SECTION_IDS.replicas}
            actions={
              replicas.data ? (
                <span className={styles.refreshed}>
                  {replicas.isFetching ? (
                    <Spinner size="extra-tiny" aria-label="Refreshing" />
                  ) : null}
                  <Caption1>
                    Refreshed {formatUtc(new Date(replicas.dataUpdatedAt).toISOString())}
                  </Caption1>
                </span>
              ) : null
            }
          >
            <Text>{globalRoutingExplanation()}</Text>
            <ReplicasContent
              registryRef={registryRef}
              registry={registry.data}
              replicas={replicas}
            />
          </Section>
          <RecentChanges registryRef={registryRef} />
          {registry.data ? (
            <RegistryHealthCheck registryRef={registryRef} registry={registry.data} />
          ) : null}
        </>
      )}
    </RegistryProbesProvider>
  );
}

type ReplicasQuery = ReturnType<typeof useReplicas>;

/** Without dedicated data endpoints the data rows come from the replica regions. */
function EndpointsSection({
  registry,
  replicas,
}: {
  registry?: Registry;
  replicas: ReplicasQuery;
}) {
  const needsReplicas = !registry?.dataEndpointEnabled;
  const replicaList: Replica[] | undefined =
    replicas.data ?? (registry && registry.sku !== "Premium" && replicas.isError ? [] : undefined);
  const ready = registry && (!needsReplicas || replicaList);
  return (
    <Section
      title="Endpoints"
      id={SECTION_IDS.endpoints}
      actions={ready ? <EndpointsExport registry={registry} replicas={replicaList ?? []} /> : null}
    >
      {ready ? (
        <ScrollRegion>
          <EndpointsTable rows={endpointTableRows(registry, replicaList ?? [])} />
        </ScrollRegion>
      ) : registry && replicas.isError ? (
        <ApiErrorMessage
          error={replicas.error}
          what="the replicas, which the data endpoints depend on"
          onRetry={() => void replicas.refetch()}
        />
      ) : (
        <TableSkeleton rows={4} label="Loading endpoints" />
      )}
    </Section>
  );
}

function ReplicasContent({
  registryRef,
  registry,
  replicas,
}: {
  registryRef: RegistryRef;
  registry?: Registry;
  replicas: ReplicasQuery;
}) {
  const noticeId = useId();
  const notPremium = registry && registry.sku !== "Premium";
  if (replicas.isPending) return <TableSkeleton rows={3} label="Loading replicas" />;
  if (replicas.isError) {
    if (notPremium) return <NoGeoReplication registry={registry} />;
    return (
      <ApiErrorMessage
        error={replicas.error}
        what="the replicas"
        onRetry={() => void replicas.refetch()}
      />
    );
  }
  if (replicas.data.length === 0) {
    return notPremium ? (
      <NoGeoReplication registry={registry} />
    ) : (
      <Text>ARM lists no replicas for this registry.</Text>
    );
  }
  if (!registry) {
    return (
      <ScrollRegion>
        <ReplicasTable replicas={replicas.data} />
      </ScrollRegion>
    );
  }
  return (
    <>
      <RoutingPermissionNotice registryRef={registryRef} id={noticeId} />
      <RoutingReplicasTable registry={registry} readOnlyNoticeId={noticeId} />
    </>
  );
}

/**
 * The Replicas table with a global endpoint routing switch per replica and its failure row under
 * it; the replicas, pending changes, permission and failures are read once here, for every row.
 */
function RoutingReplicasTable({
  registry,
  readOnlyNoticeId,
}: {
  registry: Registry;
  readOnlyNoticeId: string;
}) {
  const routing = useReplicaRouting(registry, registry.location);
  const columns = replicaColumns({
    probe: (replica) => <ReplicaProbeCell region={replica.region} />,
    routing: (replica) => (
      <GlobalRoutingSwitch
        registry={registry}
        replica={replica}
        routing={routing}
        readOnlyNoticeId={readOnlyNoticeId}
      />
    ),
  });
  return (
    <ScrollRegion>
      <ReplicasTable
        replicas={routing.replicas}
        columns={columns}
        rowDetail={(replica, columnCount) => (
          <GlobalRoutingFailureRow
            replica={replica}
            last={routing.lastChange(replica.name)}
            listUpdatedAt={routing.listUpdatedAt}
            onDismiss={() => routing.dismiss(replica.name)}
            columns={columnCount}
          />
        )}
      />
    </ScrollRegion>
  );
}

function NoGeoReplication({ registry }: { registry: Registry }) {
  return (
    <Text>
      Geo-replication needs the Premium SKU: this {registry.sku} registry has no replicas and serves
      only from {registry.location}.
    </Text>
  );
}
