"use client";
import { switchFailureReport, type AttemptedChange } from "@/lib/switches/failure";
import { ErrorReportBar } from "@/components/ui/error-report-bar";

/**
 * A failed switch change, shown where the user acted (both switches show theirs through this):
 * ARM's code, message and request id, what to do, and the state ARM reports now.
 */
export function SwitchFailure({
  error,
  change,
  stateNow,
  onDismiss,
}: {
  error: unknown;
  change: AttemptedChange;
  /** What ARM reports after the failure, from a read made since (`stateAfterFailure`). */
  stateNow?: string;
  onDismiss: () => void;
}) {
  const report = switchFailureReport(error, change, { stateNow });
  const line = report.stateLine;
  return (
    <ErrorReportBar report={report} onDismiss={onDismiss} testId="switch-failure">
      {line ? (
        <div data-testid="state-now">
          {"state" in line ? (
            <>
              {line.lead}
              <strong>{line.state}</strong>
            </>
          ) : (
            line.unknown
          )}
        </div>
      ) : null}
    </ErrorReportBar>
  );
}
