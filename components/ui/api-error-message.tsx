"use client";
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from "@fluentui/react-components";
import { errorReport } from "./error-advice";

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
        <MessageBarTitle>{report.title}</MessageBarTitle>
        <div>
          <code>{report.code}</code>
          {report.status ? ` (HTTP ${report.status})` : null}: {report.message}
        </div>
        {report.requestId ? (
          <div>
            Request id: <code>{report.requestId}</code>
          </div>
        ) : null}
        <div>{report.advice}</div>
      </MessageBarBody>
      {onRetry ? (
        <MessageBarActions>
          <Button onClick={onRetry}>Retry</Button>
        </MessageBarActions>
      ) : null}
    </MessageBar>
  );
}
