"use client";
import { MessageBarTitle } from "@fluentui/react-components";
import type { ErrorReport } from "@/lib/error-report";

/**
 * The body lines every failure shows the same way: what failed, ARM's code and message, the
 * request id for support, and what to do.
 */
export function ErrorReportLines({ report }: { report: ErrorReport }) {
  return (
    <>
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
    </>
  );
}
