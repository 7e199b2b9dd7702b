"use client";
import { Caption1, makeStyles, tokens } from "@fluentui/react-components";
import { DEFAULT_WINDOW } from "@/lib/probe/shared/stats";
import { targetsFromRegistry } from "@/lib/probe/shared/targets";
import { probeRows } from "@/lib/probe/browser/table";
import { useProbeRun } from "@/lib/probe/browser/use-probe-run";
import type { Registry } from "@/lib/types";
import { pinnedProbesPageUrl } from "@/lib/arm-id";
import { LiveProbesSection, useProbeSettings } from "./live-probes-section";
import { ProbesTable } from "./probes-table";
import { TtfbChart } from "./ttfb-chart";

const useStyles = makeStyles({
  note: { color: tokens.colorNeutralForeground3 },
  tableWrap: { overflowX: "auto" },
});

/**
 * The registry page's live probes: every endpoint ARM lists for the registry, probed from the
 * console server over one stream; a TTFB chart and a table of rolling figures. Probing for this
 * page stops while it is paused or the tab is hidden.
 */
export function ProbesPanel({ registry }: { registry: Registry }) {
  // When the page's registry read shows other endpoints (a switch was turned), start over at
  // once rather than wait for the stream's own periodic re-read.
  const hosts = targetsFromRegistry(registry)
    .map((t) => t.host)
    .join(" ");
  return <LiveProbes key={`${registry.id} ${hosts}`} registry={registry} />;
}

function LiveProbes({ registry }: { registry: Registry }) {
  const styles = useStyles();
  const settings = useProbeSettings();
  const probes = useProbeRun({
    registryId: registry.id,
    intervalMs: settings.intervalMs,
    paused: settings.paused,
  });
  const { run } = probes;
  const rows = probeRows(run.endpoints.values());
  return (
    <LiveProbesSection title="Endpoint probes" settings={settings} probes={probes}>
      <TtfbChart run={run} />
      <Caption1 className={styles.note}>
        Median, p90 and min are the time to first byte of warm samples (kept-alive connections) over
        each endpoint&apos;s last {DEFAULT_WINDOW} probes; loss counts probes without an answer.
        Cold samples (new connections) show their DNS, connect and TLS phases separately.
      </Caption1>
      <div className={styles.tableWrap}>
        <ProbesTable rows={rows} pinHref={(region) => pinnedProbesPageUrl(registry, region)} />
      </div>
    </LiveProbesSection>
  );
}
