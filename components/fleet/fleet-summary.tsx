"use client";
import {
  Caption1,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  tokens,
} from "@fluentui/react-components";
import type { FleetAvailability, FleetSnapshot, FleetTotals } from "@/lib/fleet/shared/types";
import type { SweepState } from "@/lib/queries/fleet-stream";
import { formatUtc } from "@/components/ui/format";

const useStyles = makeStyles({
  totals: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalXXL, margin: 0 },
  total: { display: "grid", margin: 0 },
  figure: { fontSize: tokens.fontSizeHero700, fontWeight: tokens.fontWeightSemibold, margin: 0 },
});

/** Registries, replicas, replicas by status and attention items, as a description list. */
export function FleetTotalsView({ totals }: { totals: FleetTotals }) {
  const styles = useStyles();
  const entries: [string, number][] = [
    ["Registries", totals.registries],
    ["Replicas", totals.replicas],
    ...Object.entries(totals.byStatus).sort(([a], [b]) => a.localeCompare(b)),
    ["Need attention", totals.attention],
  ];
  return (
    <dl className={styles.totals} aria-label="Totals">
      {entries.map(([label, value]) => (
        <div key={label} className={styles.total} data-total={label}>
          <dt>
            <Caption1>{label}</Caption1>
          </dt>
          <dd className={styles.figure}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Where the fleet was read and when, and how the endpoint sweep is doing. */
export function FleetSource({ fleet, sweep }: { fleet: FleetSnapshot; sweep: SweepState }) {
  const lastRound = sweep.lastRoundAt ?? fleet.sweep.lastRoundAt;
  const sweepLine = `Endpoint sweep: ${fleet.sweep.hosts} endpoints every ${Math.round(
    fleet.sweep.intervalMs / 1000,
  )} s; ${lastRound ? `last round ${formatUtc(lastRound)}` : "first round running"}${
    sweep.status === "live" ? "; live" : sweep.status === "retrying" ? "; reconnecting" : ""
  }.`;
  if (fleet.source === "arm") {
    return (
      <MessageBar intent="warning" layout="multiline" data-source="arm">
        <MessageBarBody>
          <MessageBarTitle>Source: ARM lists (Azure Resource Graph is not in use)</MessageBarTitle>
          {fleet.fallbackReason
            ? `Resource Graph answered ${fleet.fallbackReason.code} (HTTP ${fleet.fallbackReason.status}): ${fleet.fallbackReason.message} `
            : null}
          Read from ARM, one list per subscription and per registry, as of {formatUtc(fleet.asOf)}.{" "}
          {sweepLine}
        </MessageBarBody>
      </MessageBar>
    );
  }
  return (
    <Text data-source="resource-graph">
      Source: Azure Resource Graph, as of {formatUtc(fleet.asOf)}. Resource Graph can lag ARM by up
      to a minute; registries you just opened or changed show ARM&apos;s own answer. Regional
      endpoints Resource Graph does not report show as unknown. {sweepLine}
    </Text>
  );
}

/** Where the `Availability (24 h)` figures come from, and what they mean. */
export function AvailabilitySource({ availability }: { availability: FleetAvailability }) {
  const from =
    availability.source === "prometheus"
      ? "Prometheus (PROMETHEUS_URL), the probe counters of every vantage it scrapes"
      : `this console since ${availability.since ? formatUtc(availability.since) : "it started"} (its fleet sweep, live probes and agents)`;
  const meaning = `share of ok probes of each replica's regional and data endpoints over the last 24 h, from its worst vantage; below ${availability.minPct} % needs attention.`;
  if (availability.error) {
    return (
      <MessageBar intent="warning" layout="multiline" data-availability-source="error">
        <MessageBarBody>
          <MessageBarTitle>Availability (24 h): no figures</MessageBarTitle>
          {availability.error.message}
        </MessageBarBody>
      </MessageBar>
    );
  }
  return (
    <Text data-availability-source={availability.source}>
      Availability (24 h) from {from}: {meaning}
    </Text>
  );
}
