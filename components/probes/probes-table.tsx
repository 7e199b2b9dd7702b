"use client";
import {
  Badge,
  Caption1,
  makeStyles,
  mergeClasses,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from "@fluentui/react-components";
import Link from "next/link";
import { memo, useState } from "react";
import { MEASURING_UNTIL } from "@/lib/probe/shared/stats";
import type { ProbeSample } from "@/lib/probe/shared/types";
import {
  formatMs,
  formatPct,
  formatSampleTime,
  phaseSummary,
  rowStatus,
  sortRows,
  type ProbeRow,
  type SortDirection,
  type SortKey,
} from "@/lib/probe/browser/table";
import { VerdictBadge } from "./verdict-badge";
import { SCROLLING_TABLE } from "../ui/scroll-region";

const useStyles = makeStyles({
  endpoint: {
    display: "grid",
    gap: tokens.spacingVerticalXXS,
    paddingBlock: tokens.spacingVerticalXS,
  },
  line: { display: "flex", alignItems: "center", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  host: { overflowWrap: "anywhere" },
  muted: { color: tokens.colorNeutralForeground3 },
  number: { textAlign: "end", whiteSpace: "nowrap" },
  // Words, not a figure: may wrap in a narrow column rather than run into the next one.
  words: { whiteSpace: "normal" },
  phases: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  pin: { color: tokens.colorBrandForegroundLink },
  // Wide enough for its nine columns; narrower screens scroll it inside its region.
  table: { ...SCROLLING_TABLE, minWidth: "1000px" },
  // The wide columns' share of the width (a hint: the columns still fit their content).
  endpointCol: { width: "24%" },
  sampleCol: { width: "13%" },
  phasesCol: { width: "14%" },
});

const KIND_LABEL = { global: "Global", regional: "Regional", data: "Data" } as const;

const COLUMNS: { key: SortKey; label: string; numeric?: boolean }[] = [
  { key: "endpoint", label: "Endpoint" },
  { key: "verdict", label: "Verdict" },
  { key: "median", label: "Median", numeric: true },
  { key: "p90", label: "p90", numeric: true },
  { key: "min", label: "Min", numeric: true },
  { key: "loss", label: "Loss", numeric: true },
  { key: "last", label: "Last sample" },
];

function LastSample({ sample }: { sample?: ProbeSample }) {
  const styles = useStyles();
  if (!sample) return <Text className={styles.muted}>—</Text>;
  return (
    <div>
      <Text>
        {sample.status === null
          ? `no answer after ${formatMs(sample.phases.totalMs)}`
          : `${sample.status} · ${formatMs(sample.phases.ttfbMs ?? sample.phases.totalMs)}`}
      </Text>
      <br />
      <Caption1 className={styles.muted}>
        <time dateTime={sample.at}>{formatSampleTime(sample.at)}</time>
        {sample.reused ? " · warm" : " · cold"}
      </Caption1>
    </div>
  );
}

/**
 * An endpoint's name, host, marks and pin link: the same from one second to the next, so it
 * renders again only when one of them changes, not with every sample.
 */
const EndpointName = memo(function EndpointName({
  kind,
  region,
  host,
  fastest,
  pin,
  note,
}: {
  kind: ProbeRow["kind"];
  region: string | null;
  host: string;
  fastest: boolean;
  pin?: string;
  note?: string;
}) {
  const styles = useStyles();
  return (
    <div className={styles.endpoint}>
      <span className={styles.line}>
        <Text weight="semibold">
          {KIND_LABEL[kind]} {region ?? "(routed)"}
        </Text>
        {fastest ? (
          <Badge appearance="tint" color="brand" size="small">
            fastest regional
          </Badge>
        ) : null}
        {pin && region ? (
          <Link className={styles.pin} href={pin} aria-label={`Pin to ${region}`}>
            Pin
          </Link>
        ) : null}
      </span>
      <Text font="monospace" size={200} className={styles.host}>
        {host}
      </Text>
      {note ? (
        <Caption1 className={styles.muted} data-testid="global-note">
          {note}
        </Caption1>
      ) : null}
    </div>
  );
});

function Phases({ sample }: { sample?: ProbeSample }) {
  const styles = useStyles();
  if (!sample) return <Text className={styles.muted}>—</Text>;
  return <span className={styles.phases}>{phaseSummary(sample.phases)}</span>;
}

/** Whether two rows show the same: the same samples and marks (rows are rebuilt every tick). */
function sameRow(a: ProbeRow, b: ProbeRow): boolean {
  return (
    a.host === b.host &&
    a.kind === b.kind &&
    a.region === b.region &&
    a.verdict === b.verdict &&
    a.stats === b.stats &&
    a.last === b.last &&
    a.lastCold === b.lastCold &&
    a.lastWarm === b.lastWarm &&
    a.down === b.down &&
    a.fastest === b.fastest
  );
}

/** One endpoint's row; renders again only when its samples or marks change. */
const ProbeTableRow = memo(
  function ProbeTableRow({ row, pin, note }: { row: ProbeRow; pin?: string; note?: string }) {
    const styles = useStyles();
    return (
      <TableRow
        key={row.host}
        data-host={row.host}
        data-kind={row.kind}
        data-region={row.region ?? ""}
        data-verdict={row.verdict}
        data-status={rowStatus(row)}
        data-fastest={row.fastest ? "" : undefined}
      >
        <TableCell>
          <EndpointName
            kind={row.kind}
            region={row.region}
            host={row.host}
            fastest={row.fastest}
            pin={pin}
            note={note}
          />
        </TableCell>
        <TableCell>
          {row.down ? (
            <span className={styles.line}>
              <VerdictBadge verdict="down" sample={row.last} />
              <Caption1 className={styles.muted}>{row.verdict}</Caption1>
            </span>
          ) : (
            <VerdictBadge verdict={row.verdict} sample={row.last} />
          )}
          {row.last?.backoffMs ? (
            <Caption1 className={styles.muted}>
              {" "}
              backing off {formatMs(row.last.backoffMs)}
            </Caption1>
          ) : null}
        </TableCell>
        <TableCell className={styles.number}>
          {row.down ? (
            <Text className={mergeClasses(styles.muted, styles.words)}>no answer</Text>
          ) : row.stats?.measuring ? (
            <Text className={mergeClasses(styles.muted, styles.words)}>
              measuring ({row.stats.n}/{MEASURING_UNTIL})
            </Text>
          ) : (
            formatMs(row.stats?.medianMs)
          )}
        </TableCell>
        <TableCell className={styles.number}>
          {row.stats?.measuring || row.down ? "—" : formatMs(row.stats?.p90Ms)}
        </TableCell>
        <TableCell className={styles.number}>{formatMs(row.stats?.minMs)}</TableCell>
        <TableCell className={styles.number}>{formatPct(row.stats?.lossPct)}</TableCell>
        <TableCell>
          <LastSample sample={row.last} />
        </TableCell>
        <TableCell>
          <Phases sample={row.lastCold} />
        </TableCell>
        <TableCell>
          <Phases sample={row.lastWarm} />
        </TableCell>
      </TableRow>
    );
  },
  (a, b) => sameRow(a.row, b.row) && a.pin === b.pin && a.note === b.note,
);

/**
 * The live figures of each endpoint (role `table`, name `Probes`): verdict of the last sample
 * (`down` when the whole window went unanswered), warm TTFB median, p90 and min over the server's
 * rolling window ("measuring" until 5 warm samples), loss, the last sample, and the phases of the last cold and last warm sample. Sortable
 * by any figure; the fastest regional endpoint is marked. `pinHref` adds a link per region to the
 * pinned view.
 */
export function ProbesTable({
  rows,
  pinHref,
  globalNote,
}: {
  rows: ProbeRow[];
  pinHref?: (region: string) => string;
  /** Under the global row: which replicas its verdict can speak for. */
  globalNote?: string;
}) {
  const styles = useStyles();
  const [sort, setSort] = useState<{ key: SortKey; direction: SortDirection }>({
    key: "endpoint",
    direction: "ascending",
  });
  const sorted = sortRows(rows, sort.key, sort.direction);
  const toggle = (key: SortKey) =>
    setSort((s) => ({
      key,
      direction: s.key === key && s.direction === "ascending" ? "descending" : "ascending",
    }));
  return (
    <Table aria-label="Probes" size="small" sortable className={styles.table}>
      <TableHeader>
        <TableRow>
          {COLUMNS.map((c) => (
            <TableHeaderCell
              key={c.key}
              className={
                c.key === "endpoint"
                  ? styles.endpointCol
                  : c.key === "last"
                    ? styles.sampleCol
                    : undefined
              }
              sortDirection={sort.key === c.key ? sort.direction : undefined}
              onClick={() => toggle(c.key)}
            >
              {c.label}
            </TableHeaderCell>
          ))}
          <TableHeaderCell className={styles.phasesCol}>Last cold (new connection)</TableHeaderCell>
          <TableHeaderCell className={styles.phasesCol}>Last warm (kept alive)</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {sorted.map((row) => (
          <ProbeTableRow
            key={row.host}
            row={row}
            pin={pinHref && row.region ? pinHref(row.region) : undefined}
            note={row.kind === "global" ? globalNote : undefined}
          />
        ))}
      </TableBody>
    </Table>
  );
}
