"use client";
import { errorReport } from "@/lib/error-report";
import { ErrorReportBar } from "./error-report-bar";

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
  return <ErrorReportBar report={errorReport(error, what)} onRetry={onRetry} />;
}
