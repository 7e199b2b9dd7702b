"use client";
import {
  Badge,
  Caption1,
  Dropdown,
  Field,
  makeStyles,
  Option,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from "@fluentui/react-components";
import { useState } from "react";
import { useRegistryChanges } from "@/lib/queries/changes";
import type { RegistryChange, RegistryRef } from "@/lib/types";
import { ApiErrorMessage } from "@/components/ui/api-error-message";
import { CopyButton } from "@/components/ui/copy-button";
import { formatUtc } from "@/components/ui/format";
import { SCROLLING_TABLE, ScrollRegion } from "@/components/ui/scroll-region";
import { Section } from "@/components/ui/section";
import { TableSkeleton } from "@/components/ui/table-skeleton";
import { SECTION_IDS } from "./section-nav";

const RANGES = [
  { days: 1, label: "Last 24 hours" },
  { days: 7, label: "Last 7 days" },
  { days: 30, label: "Last 30 days" },
  { days: 90, label: "Last 90 days" },
] as const;

const useStyles = makeStyles({
  table: { ...SCROLLING_TABLE, minWidth: "760px" },
  mono: { overflowWrap: "anywhere" },
  ids: { display: "grid", gap: tokens.spacingVerticalXXS },
  id: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalXS },
  muted: { color: tokens.colorNeutralForeground2 },
  head: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS },
});

const RESULT_COLOR: Record<string, "success" | "danger" | "warning" | "informative"> = {
  Succeeded: "success",
  Failed: "danger",
  Canceled: "warning",
  Accepted: "informative",
  Started: "informative",
};

function resultLabel(change: RegistryChange): string {
  if (change.result === "Accepted" || change.result === "Started") return "In progress";
  return change.result;
}

function whatOf(change: RegistryChange): string {
  const verb = /\/delete$/i.test(change.operationName) ? "Deleted" : "Changed";
  return change.target.kind === "replica"
    ? `${verb} replica ${change.target.name}`
    : `${verb} registry settings`;
}

/**
 * "Recent changes": who changed the registry and its replicas, when, what and with what result,
 * from Azure's Activity Log (read with the signed-in user's token, so Azure's RBAC decides what
 * is shown), with each change's correlation and operation ids and the CLI command that lists its
 * events.
 */
export function RecentChanges({ registryRef }: { registryRef: RegistryRef }) {
  const styles = useStyles();
  const [days, setDays] = useState<number>(7);
  const changes = useRegistryChanges(registryRef, days);
  const range = RANGES.find((r) => r.days === days)!;
  return (
    <Section
      title="Recent changes"
      id={SECTION_IDS.changes}
      actions={
        <span className={styles.head}>
          {changes.isFetching && changes.data ? (
            <Spinner size="extra-tiny" aria-label="Refreshing" />
          ) : null}
          <Field label="Time range" orientation="horizontal" size="small">
            <Dropdown
              size="small"
              value={range.label}
              selectedOptions={[String(days)]}
              onOptionSelect={(_, data) => setDays(Number(data.optionValue))}
            >
              {RANGES.map((r) => (
                <Option key={r.days} value={String(r.days)}>
                  {r.label}
                </Option>
              ))}
            </Dropdown>
          </Field>
        </span>
      }
    >
      <Text>
        Writes to this registry and its replicas as Azure&apos;s Activity Log records them, newest
        first. Azure lists a change a few minutes after it happened.
      </Text>
      {changes.isPending ? (
        <TableSkeleton rows={3} label="Loading recent changes" />
      ) : changes.isError ? (
        <ApiErrorMessage
          error={changes.error}
          what="the Activity Log"
          onRetry={() => void changes.refetch()}
        />
      ) : changes.data.changes.length === 0 ? (
        <Text className={styles.muted}>
          The Activity Log lists no change to this registry or its replicas in the{" "}
          {range.label.toLowerCase()}.
        </Text>
      ) : (
        <>
          <ScrollRegion>
            <Table aria-label="Recent changes" size="small" className={styles.table}>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>When</TableHeaderCell>
                  <TableHeaderCell>Who</TableHeaderCell>
                  <TableHeaderCell>What</TableHeaderCell>
                  <TableHeaderCell>Result</TableHeaderCell>
                  <TableHeaderCell>Ids</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {changes.data.changes.map((change) => (
                  <ChangeRow key={change.operationId} change={change} />
                ))}
              </TableBody>
            </Table>
          </ScrollRegion>
          {changes.data.truncated ? (
            <Caption1 className={styles.muted}>
              Only the newest changes are shown: the Activity Log holds more in this range.
            </Caption1>
          ) : null}
        </>
      )}
    </Section>
  );
}

function ChangeRow({ change }: { change: RegistryChange }) {
  const styles = useStyles();
  return (
    <TableRow data-operation-id={change.operationId}>
      <TableCell>{formatUtc(change.at)}</TableCell>
      <TableCell>
        <Text className={styles.mono}>{change.caller}</Text>
      </TableCell>
      <TableCell>
        <div>{whatOf(change)}</div>
        <Caption1 className={styles.muted}>
          <span className={styles.mono}>{change.operationName}</span>
        </Caption1>
      </TableCell>
      <TableCell>
        <Badge appearance="tint" color={RESULT_COLOR[change.result] ?? "informative"}>
          {resultLabel(change)}
        </Badge>
        {change.error ? (
          <div>
            <Caption1>
              {change.error.code ? `${change.error.code}: ` : ""}
              {change.error.message ?? ""}
            </Caption1>
          </div>
        ) : change.subStatus && change.result === "Failed" ? (
          <div>
            <Caption1>{change.subStatus}</Caption1>
          </div>
        ) : null}
      </TableCell>
      <TableCell>
        <div className={styles.ids}>
          <span className={styles.id}>
            <Caption1 className={styles.mono}>Correlation {change.correlationId}</Caption1>
            <CopyButton
              text={`az monitor activity-log list --correlation-id ${change.correlationId}`}
              label={`Copy the Azure CLI command that lists the events of correlation id ${change.correlationId}`}
            />
          </span>
          <span className={styles.id}>
            <Caption1 className={styles.mono}>Operation {change.operationId}</Caption1>
            <CopyButton text={change.operationId} label="Copy the operation id" />
          </span>
        </div>
      </TableCell>
    </TableRow>
  );
}
