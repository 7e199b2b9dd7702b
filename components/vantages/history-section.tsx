"use client";
import {
  Caption1,
  makeStyles,
  Field,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from "@fluentui/react-components";
import { useId, useMemo, useState } from "react";
import { useHistory } from "@/lib/queries/vantages";
import type { RegistryRef } from "@/lib/types";
import { summarize } from "@/lib/vantages/shared/summary";
import { HISTORY_RANGES, type HistoryRange } from "@/lib/vantages/shared/types";
import { ApiErrorMessage } from "@/components/ui/api-error-message";
import { ScrollRegion, SCROLLING_TABLE } from "@/components/ui/scroll-region";
import { TableSkeleton } from "@/components/ui/table-skeleton";
import { HistoryChart, METRIC_LABEL, type HistoryMetric } from "./history-chart";

const useStyles = makeStyles({
  table: SCROLLING_TABLE,
  controls: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalL, minWidth: 0 },
  note: { color: tokens.colorNeutralForeground3 },
  num: { fontVariantNumeric: "tabular-nums" },
});

const RANGE_LABEL: Record<HistoryRange, string> = {
  "1h": "1 hour",
  "24h": "24 hours",
  "7d": "7 days",
};
const METRICS: HistoryMetric[] = ["p50Ms", "p90Ms", "availabilityPct"];

function fmt(value: number | null, unit: string): string {
  return value === null ? "—" : `${value.toFixed(unit === "%" ? 2 : 1)} ${unit}`;
}

/**
 * History of p50/p90 TTFB and availability per endpoint and vantage over 1 h, 24 h or 7 d, from
 * Prometheus or the console's embedded store (the section says which), as a chart and as a table.
 */
export function HistorySection({ registryRef }: { registryRef: RegistryRef }) {
  const styles = useStyles();
  const tableId = useId();
  const [range, setRange] = useState<HistoryRange>("1h");
  const [metric, setMetric] = useState<HistoryMetric>("p50Ms");
  const history = useHistory(registryRef, range);
  const summary = useMemo(() => summarize(history.data?.series ?? []), [history.data]);
  return (
    <>
      <div className={styles.controls}>
        <Field label="History range">
          <Select value={range} onChange={(_e, d) => setRange(d.value as HistoryRange)}>
            {HISTORY_RANGES.map((r) => (
              <option key={r} value={r}>
                last {RANGE_LABEL[r]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="History figure">
          <Select value={metric} onChange={(_e, d) => setMetric(d.value as HistoryMetric)}>
            {METRICS.map((m) => (
              <option key={m} value={m}>
                {METRIC_LABEL[m]}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      {history.isPending ? (
        <TableSkeleton rows={2} label="Loading history" />
      ) : !history.data ? (
        <ApiErrorMessage
          error={history.error}
          what="history"
          onRetry={() => void history.refetch()}
        />
      ) : (
        <>
          <Text data-testid="history-source">
            Source:{" "}
            {history.data.source === "prometheus"
              ? "Prometheus (PROMETHEUS_URL)"
              : "this console's embedded history"}
            , one point per{" "}
            {history.data.stepSeconds >= 3600
              ? `${history.data.stepSeconds / 3600} h`
              : `${history.data.stepSeconds / 60} min`}
            .
          </Text>
          {history.data.note ? (
            <Caption1 className={styles.note}>{history.data.note}</Caption1>
          ) : null}
          {history.data.series.length === 0 ? (
            <Text>
              No history yet for this registry&apos;s endpoints in the last {RANGE_LABEL[range]}.
            </Text>
          ) : (
            <>
              <HistoryChart series={history.data.series} metric={metric} />
              <ScrollRegion>
                <Table
                  aria-labelledby={tableId}
                  size="small"
                  data-testid="history-table"
                  className={styles.table}
                >
                  <caption id={tableId} className={styles.note}>
                    Over the last {RANGE_LABEL[range]}, per endpoint and vantage
                  </caption>
                  <TableHeader>
                    <TableRow>
                      <TableHeaderCell>Vantage · endpoint</TableHeaderCell>
                      <TableHeaderCell>p50 TTFB</TableHeaderCell>
                      <TableHeaderCell>p90 TTFB</TableHeaderCell>
                      <TableHeaderCell>Availability</TableHeaderCell>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {summary.map((s) => (
                      <TableRow key={`${s.vantage}|${s.host}`}>
                        <TableCell>{s.label}</TableCell>
                        <TableCell className={styles.num}>{fmt(s.p50Ms, "ms")}</TableCell>
                        <TableCell className={styles.num}>{fmt(s.p90Ms, "ms")}</TableCell>
                        <TableCell className={styles.num}>{fmt(s.availabilityPct, "%")}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </ScrollRegion>
            </>
          )}
        </>
      )}
    </>
  );
}
