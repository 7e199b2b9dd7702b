"use client";
import { Button, MessageBar, MessageBarActions, MessageBarBody } from "@fluentui/react-components";
import { errorReport } from "@/lib/error-report";
import { ErrorReportLines } from "./error-report-lines";

/**
 * An /api failure where the data would have been: what failed, ARM's code and message, the request
 * id for support, and what to do.
 */
export function ApiErrorMessage({
  error,
  what,
  onRetry,
}: {
  error: unknown;
  what: string;
  onRetry?: () => void;
}) {
  const report = errorReport(error, what);
  return (
    <MessageBar intent="error" layout="multiline" role="alert">
      <MessageBarBody>
        <ErrorReportLines report={report} />
      </MessageBarBody>
      {onRetry ? (
        <MessageBarActions>
          <Button onClick={onRetry}>Retry</Button>
        </MessageBarActions>
      ) : null}
    </MessageBar>
  );
}
