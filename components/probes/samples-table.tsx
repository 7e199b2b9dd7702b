"use client";
import {
  Caption1,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from "@fluentui/react-components";
import { memo } from "react";
import type { ProbeSample } from "@/lib/probe/shared/types";
import { formatMs, formatSampleTime } from "@/lib/probe/browser/table";
import { VerdictBadge } from "./verdict-badge";

const useStyles = makeStyles({
  number: { textAlign: "end", whiteSpace: "nowrap" },
  host: { whiteSpace: "nowrap" },
  muted: { color: tokens.colorNeutralForeground3 },
  // Columns sized by their content: host names stay on one line (the list scrolls sideways).
  table: { tableLayout: "auto" },
});

/** Rows the list renders at most; the export always has every sample of the run. */
export const SAMPLES_SHOWN = 200;

/**
 * Every sample of a run, newest first (role `table`, name `Samples`): time, endpoint, connection,
 * each phase, status, verdict and the remote address the probe reached.
 */
export function SamplesTable({ samples }: { samples: readonly ProbeSample[] }) {
  const styles = useStyles();
  const shown = samples.slice(-SAMPLES_SHOWN).reverse();
  return (
    <>
      {samples.length > SAMPLES_SHOWN ? (
        <Caption1 className={styles.muted}>
          Showing the newest {SAMPLES_SHOWN} of {samples.length} samples; the exports include all of
          them.
        </Caption1>
      ) : null}
      <Table aria-label="Samples" size="extra-small" className={styles.table}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Time (UTC)</TableHeaderCell>
            <TableHeaderCell>Host</TableHeaderCell>
            <TableHeaderCell>Connection</TableHeaderCell>
            <TableHeaderCell className={styles.number}>DNS</TableHeaderCell>
            <TableHeaderCell className={styles.number}>Connect</TableHeaderCell>
            <TableHeaderCell className={styles.number}>TLS</TableHeaderCell>
            <TableHeaderCell className={styles.number}>TTFB</TableHeaderCell>
            <TableHeaderCell className={styles.number}>Total</TableHeaderCell>
            <TableHeaderCell>Status</TableHeaderCell>
            <TableHeaderCell>Verdict</TableHeaderCell>
            <TableHeaderCell>Remote address</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {shown.map((s) => (
            <SampleRow key={`${s.host} ${s.seq}`} sample={s} />
          ))}
        </TableBody>
      </Table>
    </>
  );
}

/** One sample: samples never change, so a row renders once however often the list does. */
const SampleRow = memo(function SampleRow({ sample: s }: { sample: ProbeSample }) {
  const styles = useStyles();
  return (
    <TableRow data-seq={s.seq} data-verdict={s.verdict}>
      <TableCell>
        <time dateTime={s.at}>{formatSampleTime(s.at)}</time>
      </TableCell>
      <TableCell>
        <Text font="monospace" size={200} className={styles.host}>
          {s.host}
        </Text>
      </TableCell>
      <TableCell>{s.reused ? "warm" : "cold"}</TableCell>
      <TableCell className={styles.number}>{formatMs(s.phases.dnsMs)}</TableCell>
      <TableCell className={styles.number}>{formatMs(s.phases.connectMs)}</TableCell>
      <TableCell className={styles.number}>{formatMs(s.phases.tlsMs)}</TableCell>
      <TableCell className={styles.number}>{formatMs(s.phases.ttfbMs)}</TableCell>
      <TableCell className={styles.number}>{formatMs(s.phases.totalMs)}</TableCell>
      <TableCell>
        {s.status ?? "—"}
        {s.error ? <Caption1 className={styles.muted}> {s.error}</Caption1> : null}
      </TableCell>
      <TableCell>
        <VerdictBadge verdict={s.verdict} sample={s} />
      </TableCell>
      <TableCell>
        <Text font="monospace" size={200}>
          {s.remoteAddress ?? "—"}
        </Text>
      </TableCell>
    </TableRow>
  );
});
