import { ApiError } from "@/lib/errors";

/** The parts of a failure the user sees. */
export interface ErrorReport {
  title: string;
  code: string;
  message: string;
  requestId?: string;
  status: number;
  advice: string;
}

/**
 * What happened and what to do, for an error from an /api call. The advice depends on the kind of
 * failure; ARM's own code and message are always shown with it.
 */
export function errorReport(error: unknown, what: string): ErrorReport {
  if (!(error instanceof ApiError)) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      title: `Could not load ${what}`,
      code: "UnexpectedError",
      message,
      status: 0,
      advice: "Reload the page. If it keeps happening, report it with the time it happened.",
    };
  }
  const base = {
    title: `Could not load ${what}`,
    code: error.code,
    message: error.message,
    requestId: error.requestId,
    status: error.status,
  };
  return { ...base, advice: adviceFor(error) };
}

function adviceFor(error: ApiError): string {
  const { status } = error;
  if (status === 0) {
    return "The console's server did not answer. Check your connection and that the console is running, then reload.";
  }
  if (status === 400)
    return "The address is malformed: check the subscription, resource group and registry name in the URL.";
  if (status === 401) return "Your sign-in is no longer accepted. Sign out and sign in again.";
  if (status === 403) {
    return "Your account lacks access. Ask an owner of the subscription or registry for a role that can read it, such as Reader.";
  }
  if (status === 404) {
    return "ARM does not have it: it may have been deleted or renamed, or the name is misspelled. Go back to the inventory to find it.";
  }
  if (status === 409)
    return "Another operation is running on this resource. Wait for it to finish, then reload.";
  if (status === 429) {
    return "ARM is throttling requests for your account. Wait a minute before reloading.";
  }
  if (status >= 500) {
    return "Azure Resource Manager or the console failed. Retry in a moment; if it persists, give the request id to support.";
  }
  return "Reload the page; if it persists, give the request id to support.";
}
