"use client";
import {
  Badge,
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
import { useId } from "react";
import { useVantages } from "@/lib/queries/vantages";
import type { RegistryRef } from "@/lib/types";
import type { VantageRow } from "@/lib/vantages/shared/types";
import { ApiErrorMessage } from "@/components/ui/api-error-message";
import { ScrollRegion, SCROLLING_TABLE } from "@/components/ui/scroll-region";
import { TableSkeleton } from "@/components/ui/table-skeleton";
import { VerdictBadge } from "@/components/probes/verdict-badge";

const useStyles = makeStyles({
  table: SCROLLING_TABLE,
  cell: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    gap: tokens.spacingHorizontalXS,
  },
  ms: { fontVariantNumeric: "tabular-nums" },
  note: { color: tokens.colorNeutralForeground3 },
});

const STATUS_TEXT: Record<VantageRow["status"], string> = {
  live: "live",
  waiting: "waiting for samples",
  "not-probing": "not probing this registry",
  unreachable: "unreachable",
};

function hostLabel(host: string | null, row: VantageRow): string {
  if (!host) return "none yet";
  const e = row.endpoints.find((x) => x.host === host);
  return e?.region ? `${e.region} (${Math.round(e.medianMs ?? 0)} ms)` : host;
}

/**
 * `Latency by vantage`: one row per vantage (the console's prober, then each probe agent), one
 * column per endpoint with its median warm TTFB and last verdict; the fastest regional endpoint
 * of each vantage is marked and the next best named: the failover order for clients there.
 */
export function LatencyByVantage({ registryRef }: { registryRef: RegistryRef }) {
  const styles = useStyles();
  const captionId = useId();
  const vantages = useVantages(registryRef);
  if (vantages.isPending) return <TableSkeleton rows={2} label="Loading latency by vantage" />;
  if (!vantages.data) {
    return (
      <ApiErrorMessage
        error={vantages.error}
        what="latency by vantage"
        onRetry={() => void vantages.refetch()}
      />
    );
  }
  const { targets, vantages: rows } = vantages.data;
  return (
    <>
      <Caption1 id={captionId} className={styles.note}>
        Median warm time to first byte of each endpoint from each vantage point, and its last
        verdict. ★ marks the fastest regional endpoint from that vantage; the next best is what it
        should fail over to.
      </Caption1>
      <ScrollRegion>
        <Table
          aria-labelledby={captionId}
          size="small"
          data-testid="latency-by-vantage"
          className={styles.table}
        >
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Vantage</TableHeaderCell>
              {targets.map((t) => (
                <TableHeaderCell key={t.host}>
                  {t.kind === "global" ? "Global" : `${t.region ?? ""} (${t.kind})`}
                </TableHeaderCell>
              ))}
              <TableHeaderCell>Fastest regional</TableHeaderCell>
              <TableHeaderCell>Next best</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((row) => (
              <TableRow key={row.name} data-vantage={row.name}>
                <TableCell>
                  <div className={styles.cell}>
                    <Text weight="semibold">{row.name}</Text>
                    <Caption1>
                      {row.source === "console" ? "this console" : "agent"},{" "}
                      {STATUS_TEXT[row.status]}
                    </Caption1>
                    {row.message ? (
                      <Caption1 className={styles.note}>{row.message}</Caption1>
                    ) : null}
                  </div>
                </TableCell>
                {row.endpoints.map((e) => (
                  <TableCell key={e.host} data-host={e.host}>
                    <div className={styles.cell}>
                      {e.verdict ? (
                        <VerdictBadge verdict={e.verdict} focusable={false} />
                      ) : (
                        <Caption1 className={styles.note}>—</Caption1>
                      )}
                      <span className={styles.ms}>
                        {e.medianMs === null ? "" : `${e.medianMs.toFixed(1)} ms`}
                      </span>
                      {row.fastest === e.host ? (
                        <Badge
                          appearance="tint"
                          color="brand"
                          aria-label="fastest from this vantage"
                        >
                          ★ fastest
                        </Badge>
                      ) : null}
                    </div>
                  </TableCell>
                ))}
                <TableCell data-column="fastest">{hostLabel(row.fastest, row)}</TableCell>
                <TableCell data-column="next-best">{hostLabel(row.nextBest, row)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </ScrollRegion>
    </>
  );
}
