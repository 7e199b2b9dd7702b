"use client";
import { Caption1, makeStyles, tokens } from "@fluentui/react-components";
import { pinnedProbesPageUrl } from "@/lib/arm-id";
import { globalRowNote } from "@/lib/probe/shared/coverage";
import { DEFAULT_WINDOW } from "@/lib/probe/shared/stats";
import type { Registry, Replica } from "@/lib/types";
import { SECTION_IDS } from "../registry-page/section-nav";
import { ScrollRegion } from "../ui/scroll-region";
import { LiveProbesSection } from "./live-probes-section";
import { NotProbedTable } from "./not-probed-table";
import { ProbesTable } from "./probes-table";
import { useRegistryProbes, useRegistryProbeState } from "./registry-probes";
import { TtfbChart } from "./ttfb-chart";
import { VerdictLiveRegion } from "./verdict-live-region";

const useStyles = makeStyles({
  note: { color: tokens.colorNeutralForeground3 },
});

/**
 * The registry page's live probes: every endpoint the page's ARM read lists (the Endpoints
 * table's rows), probed from the console server over the page's one stream (RegistryProbesProvider);
 * a TTFB chart, a table of rolling figures, and the replicas no probe speaks for. Probing for this
 * page stops while it is paused or the tab is hidden.
 */
export function ProbesPanel({ registry, replicas }: { registry: Registry; replicas?: Replica[] }) {
  const styles = useStyles();
  const page = useRegistryProbes();
  const state = useRegistryProbeState();
  if (!page || !state) return null;
  const { settings, probes } = page;
  const { rows, coverage } = state;
  return (
    <LiveProbesSection
      title="Endpoint probes"
      id={SECTION_IDS.probes}
      settings={settings}
      probes={probes}
    >
      <VerdictLiveRegion rows={rows} />
      <TtfbChart run={probes.run} ticks={probes.ticks} />
      <Caption1 className={styles.note}>
        Median, p90 and min are the time to first byte of warm samples (kept-alive connections) over
        each endpoint&apos;s last {DEFAULT_WINDOW} probes; loss counts probes without an answer, and
        an endpoint none of whose probes got an answer is down. Cold samples (new connections) show
        their DNS, connect and TLS phases separately.
      </Caption1>
      <ScrollRegion>
        <ProbesTable
          rows={rows}
          pinHref={(region) => pinnedProbesPageUrl(registry, region)}
          globalNote={replicas ? globalRowNote(replicas) : undefined}
        />
      </ScrollRegion>
      <NotProbedTable coverage={coverage} />
    </LiveProbesSection>
  );
}
