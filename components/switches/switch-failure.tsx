"use client";
import { Button, MessageBar, MessageBarActions, MessageBarBody } from "@fluentui/react-components";
import { DismissRegular } from "@fluentui/react-icons";
import { changeFailureDetails } from "@/lib/change-failure";
import { switchFailureReport, type AttemptedChange } from "@/lib/switches/failure";
import { ErrorReportLines } from "@/components/ui/error-report-lines";

/**
 * A failed switch change, shown where the user acted: ARM's code, message and request id, what
 * to do, and the state ARM reports now (`stateNow`, from the fresh read that settled the change).
 */
export function SwitchFailure({
  error,
  change,
  stateNow,
  onDismiss,
}: {
  error: unknown;
  change: AttemptedChange;
  /** What ARM reports after the failure, from a fresh read; undefined when that read failed. */
  stateNow?: string;
  onDismiss: () => void;
}) {
  const report = switchFailureReport(error, change);
  const reread = changeFailureDetails(error).rereadError;
  return (
    <MessageBar intent="error" layout="multiline" role="alert" data-testid="switch-failure">
      <MessageBarBody>
        <ErrorReportLines report={report} />
        {stateNow ? (
          <div data-testid="state-now">
            {report.stateUncertain ? "ARM reports now, on a fresh read: " : "ARM reports now: "}
            <strong>{stateNow}</strong>
          </div>
        ) : report.stateUncertain ? (
          <div data-testid="state-now">
            The console could not read the {change.target} again
            {reread ? ` (${reread.code}: ${reread.message})` : ""}, so its state is unknown: reload
            the page before trying again.
          </div>
        ) : null}
      </MessageBarBody>
      <MessageBarActions
        containerAction={
          <Button
            appearance="transparent"
            aria-label="Dismiss"
            icon={<DismissRegular />}
            onClick={onDismiss}
          />
        }
      />
    </MessageBar>
  );
}
