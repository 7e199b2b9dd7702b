"use client";
import { Button, makeStyles, tokens } from "@fluentui/react-components";
import { ArrowDownloadRegular } from "@fluentui/react-icons";
import { fleetCsv, fleetJson } from "@/lib/fleet/shared/export";
import type { ReplicaRow } from "@/lib/fleet/shared/replica-row";
import type { AttentionItem, FleetAvailability, FleetSource } from "@/lib/fleet/shared/types";
import { downloadText } from "../ui/clipboard";
import { CopyButton } from "../ui/copy-button";

const useStyles = makeStyles({
  root: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS },
});

/** Exports of the view (CSV, JSON) and its shareable link. */
export function FleetExport({
  rows,
  attention,
  source,
  asOf,
  link,
  availability,
}: {
  rows: () => ReplicaRow[];
  attention: () => AttentionItem[];
  source: FleetSource;
  availability: FleetAvailability;
  asOf: string;
  link: string;
}) {
  const styles = useStyles();
  const stamp = asOf.slice(0, 19).replace(/[:T]/g, "-");
  return (
    <div className={styles.root}>
      <Button
        icon={<ArrowDownloadRegular />}
        onClick={() => downloadText(`fleet-health-${stamp}.csv`, fleetCsv(rows()), "text/csv")}
      >
        Export CSV
      </Button>
      <Button
        icon={<ArrowDownloadRegular />}
        onClick={() =>
          downloadText(
            `fleet-health-${stamp}.json`,
            fleetJson({
              source,
              asOf,
              link,
              availability: availabilitySource(availability),
              replicas: rows(),
              attention: attention(),
            }),
            "application/json",
          )
        }
      >
        Export JSON
      </Button>
      <CopyButton text={link} label="Copy a link to this view" />
    </div>
  );
}

/** The availability's source for the JSON export, without the per-replica map (in the rows). */
function availabilitySource(a: FleetAvailability): Omit<FleetAvailability, "replicas"> {
  return {
    source: a.source,
    since: a.since,
    from: a.from,
    to: a.to,
    minPct: a.minPct,
    ...(a.error ? { error: a.error } : {}),
  };
}
