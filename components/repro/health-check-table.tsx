"use client";
import {
  Badge,
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
import { STEP_LABELS, type HealthCheckResult, type StepStatus } from "@/lib/repro/types";
import { SCROLLING_TABLE, ScrollRegion } from "../ui/scroll-region";

const useStyles = makeStyles({
  table: { ...SCROLLING_TABLE, minWidth: "720px" },
  nowrap: { whiteSpace: "nowrap" },
  wrap: { overflowWrap: "anywhere", minWidth: "12rem" },
  muted: { color: tokens.colorNeutralForeground3 },
});

const COLORS: Record<StepStatus, "success" | "warning" | "danger" | "informative"> = {
  pass: "success",
  warn: "warning",
  fail: "danger",
  skipped: "informative",
};

/** Table `Health check`: one row per step of each endpoint, in order. */
export function HealthCheckTable({ result }: { result: HealthCheckResult }) {
  const styles = useStyles();
  return (
    <ScrollRegion>
      <Table aria-label="Health check" size="small" className={styles.table}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Endpoint</TableHeaderCell>
            <TableHeaderCell>Step</TableHeaderCell>
            <TableHeaderCell>Result</TableHeaderCell>
            <TableHeaderCell>Time</TableHeaderCell>
            <TableHeaderCell>Detail</TableHeaderCell>
            <TableHeaderCell>ACR code and message</TableHeaderCell>
            <TableHeaderCell>Advice</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {result.endpoints.flatMap((endpoint) =>
            endpoint.steps.map((step) => (
              <TableRow
                key={`${endpoint.host}/${step.step}`}
                data-step={step.step}
                data-host={endpoint.host}
                data-kind={endpoint.kind}
              >
                <TableCell className={styles.nowrap}>
                  <Text font="monospace">{endpoint.host}</Text>
                </TableCell>
                <TableCell className={styles.nowrap}>{STEP_LABELS[step.step]}</TableCell>
                <TableCell>
                  <Badge appearance="tint" color={COLORS[step.status]}>
                    {step.status}
                  </Badge>
                </TableCell>
                <TableCell className={styles.nowrap}>
                  {step.ms === undefined ? "" : `${step.ms} ms`}
                </TableCell>
                <TableCell className={styles.wrap}>{step.detail}</TableCell>
                <TableCell className={styles.wrap}>
                  {step.code ? <Text font="monospace">{step.code}</Text> : null}
                  {step.message ? ` ${step.message}` : ""}
                </TableCell>
                <TableCell className={styles.wrap}>{step.advice ?? ""}</TableCell>
              </TableRow>
            )),
          )}
        </TableBody>
      </Table>
    </ScrollRegion>
  );
}
