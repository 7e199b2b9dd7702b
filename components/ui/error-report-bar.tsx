"use client";
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from "@fluentui/react-components";
import { DismissRegular } from "@fluentui/react-icons";
import type { ReactNode } from "react";
import type { ErrorReport } from "@/lib/error-report";

/**
 * How every failure is shown, read or change alike: what failed, ARM's code and message, the
 * request id for support, what to do, then `children` (more lines). `onRetry` adds a Retry
 * button, `onDismiss` a close button.
 */
export function ErrorReportBar({
  report,
  children,
  onRetry,
  onDismiss,
  testId,
}: {
  report: ErrorReport;
  children?: ReactNode;
  onRetry?: () => void;
  onDismiss?: () => void;
  testId?: string;
}) {
  return (
    <MessageBar intent="error" layout="multiline" role="alert" data-testid={testId}>
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
        {children}
      </MessageBarBody>
      {onRetry || onDismiss ? (
        <MessageBarActions
          containerAction={
            onDismiss ? (
              <Button
                appearance="transparent"
                aria-label="Dismiss"
                icon={<DismissRegular />}
                onClick={onDismiss}
              />
            ) : undefined
          }
        >
          {onRetry ? <Button onClick={onRetry}>Retry</Button> : null}
        </MessageBarActions>
      ) : null}
    </MessageBar>
  );
}
