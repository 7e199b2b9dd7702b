"use client";
import { Caption1, makeStyles, Subtitle2, Text, Title2, tokens } from "@fluentui/react-components";
import { ArrowLeftRegular } from "@fluentui/react-icons";
import Link from "next/link";
import { VERDICTS } from "@/lib/probe/shared/types";
import type { RunInput } from "@/lib/probe/browser/export";
import { summarizeRun } from "@/lib/probe/browser/export";
import { probeRows } from "@/lib/probe/browser/table";
import { useProbeRun } from "@/lib/probe/browser/use-probe-run";
import { useRegistry } from "@/lib/queries/registry";
import { useReplicas } from "@/lib/queries/replicas";
import { ReproPanel } from "../repro/repro-panel";
import type { RegistryRef } from "@/lib/types";
import { ApiErrorMessage } from "../ui/api-error-message";
import { Section } from "../ui/section";
import { TableSkeleton } from "../ui/table-skeleton";
import { registryPageUrl } from "@/lib/arm-id";
import { LiveProbesSection, useProbeSettings } from "./live-probes-section";
import { ProbesTable } from "./probes-table";
import { RunExport } from "./run-export";
import { SamplesTable } from "./samples-table";
import { TtfbChart } from "./ttfb-chart";
import { VerdictLiveRegion } from "./verdict-live-region";
import { ScrollRegion } from "../ui/scroll-region";

const useStyles = makeStyles({
  back: {
    display: "inline-flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalXS,
    color: tokens.colorBrandForegroundLink,
    textDecorationLine: "none",
    ":hover": { textDecorationLine: "underline" },
  },
  head: { display: "grid", gap: tokens.spacingVerticalS, marginTop: tokens.spacingVerticalL },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** Samples a pinned run keeps for its list and exports (about 80 minutes of two endpoints at 1 s). */
export const PINNED_RUN_SAMPLES = 10_000;

/**
 * The pin-to-one-replica view for support staff: only one region's endpoints of a registry,
 * every sample listed, and exports of the run (JSON, Markdown) to attach to a support ticket.
 * Its URL is shareable; whoever opens it probes with their own rights.
 */
export function PinnedReplicaView({
  registryRef,
  region,
}: {
  registryRef: RegistryRef;
  region: string;
}) {
  const styles = useStyles();
  const registry = useRegistry(registryRef);
  const replicas = useReplicas(registryRef, registry.data?.location);
  const settings = useProbeSettings();
  const { intervalMs, paused } = settings;
  const probes = useProbeRun({
    registryId: registry.data?.id,
    region,
    intervalMs,
    paused,
    keepSamples: PINNED_RUN_SAMPLES,
  });
  const { run } = probes;
  const rows = probeRows(run.endpoints.values());
  const input = (): RunInput => ({
    registryId: registry.data?.id ?? "",
    registryName: registry.data?.name ?? registryRef.name,
    region,
    vantage: run.meta?.vantage ?? null,
    intervalMs,
    targets: run.meta?.targets ?? [],
    samples: run.samples,
    dropped: run.dropped,
  });
  const summary = summarizeRun(input());
  const counts = VERDICTS.filter((v) => summary.verdicts[v] > 0)
    .map((v) => `${v} ${summary.verdicts[v]}`)
    .join(", ");

  return (
    <>
      <Link href={registryPageUrl(registryRef)} className={styles.back}>
        <ArrowLeftRegular aria-hidden /> {registryRef.name}
      </Link>
      <div className={styles.head}>
        <Title2 as="h1">
          {registryRef.name}: probes pinned to {region}
        </Title2>
        <Text>
          Only the endpoints ARM lists for this registry in {region} (its regional endpoint and its
          dedicated data endpoint, where enabled) are probed. Share this page&apos;s URL to show the
          same view; everyone who opens it probes with their own rights.
        </Text>
      </div>
      {registry.isError ? (
        <ApiErrorMessage
          error={registry.error}
          what={`registry ${registryRef.name}`}
          onRetry={() => void registry.refetch()}
        />
      ) : (
        <LiveProbesSection title="Live probes" settings={settings} probes={probes}>
          {registry.isPending ? (
            <TableSkeleton rows={2} label="Loading the registry" />
          ) : (
            <>
              <VerdictLiveRegion rows={rows} />
              <TtfbChart run={run} ticks={probes.ticks} />
              <ScrollRegion>
                <ProbesTable rows={rows} />
              </ScrollRegion>
            </>
          )}
        </LiveProbesSection>
      )}
      <Section title="Samples of this run" actions={<RunExport input={input} />}>
        <Subtitle2 as="p">
          {summary.samples} samples
          {summary.from ? ` from ${summary.from} to ${summary.to}` : ""}
          {counts ? `: ${counts}` : ""}
        </Subtitle2>
        <Caption1 className={styles.muted}>
          The run starts with the samples the server kept from before this page opened; pausing or
          hiding the tab leaves a gap only where nobody was probing.
        </Caption1>
        <ScrollRegion>
          <SamplesTable samples={run.samples} />
        </ScrollRegion>
      </Section>
      {registry.data ? (
        <ReproPanel
          registryRef={registryRef}
          registry={registry.data}
          region={region}
          replicaRegions={
            replicas.data && replicas.data.length > 0
              ? replicas.data.map((r) => r.region)
              : [registry.data.location]
          }
          samples={run.samples}
          vantage={run.meta?.vantage?.consoleHost ?? "console"}
        />
      ) : null}
    </>
  );
}
