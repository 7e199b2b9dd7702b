import { readAdvice } from "./error-advice";
import { ApiError } from "./errors";

/** The parts of a failure the user sees: what failed, ARM's code and message, what to do. */
export interface ErrorReport {
  title: string;
  code: string;
  message: string;
  requestId?: string;
  status: number;
  advice: string;
}

/**
 * What happened and what to do, for a failed read from an /api call (`what`: "registry
 * contosoprod", "the replicas"). ARM's own code and message are always shown with the advice.
 */
export function errorReport(error: unknown, what: string): ErrorReport {
  const title = `Could not load ${what}`;
  const advice = readAdvice(error);
  if (!(error instanceof ApiError)) {
    const message = error instanceof Error ? error.message : String(error);
    return { title, code: "UnexpectedError", message, status: 0, advice };
  }
  const { code, message, requestId, status } = error;
  return { title, code, message, requestId, status, advice };
}
