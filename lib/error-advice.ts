import { WRITE_ROLE } from "./arm-constants";
import { changeFailureDetails } from "./change-failure";
import { ApiError } from "./errors";

/**
 * What to do about a failed /api call, shown under ARM's own code and message: one entry per kind
 * of failure, worded for a failed read ("Could not load ...") and for a failed switch change
 * ("Could not turn ..."). Pure: used by the read reports and the switch failure reports alike.
 */

/** The kinds of failure an HTTP status stands for. */
type StatusKind =
  | "offline"
  | "invalid"
  | "signedOut"
  | "forbidden"
  | "notFound"
  | "conflict"
  | "throttled"
  | "serverError"
  | "other";

/** A 429 from a limit that is not ARM's (`ApiError.limited`). */
type LimitKind = "consoleLimit" | "graphQuota";

/** The kinds of failure the advice tells apart. */
type FailureKind =
  /** Not an ApiError: the failure did not come from an /api route. */
  | "unexpected"
  /** ARM accepted a change, but its long-running operation did not succeed (changes only). */
  | "operationFailed"
  | "operationCanceled"
  | LimitKind
  | StatusKind;

/** What the change advice may name besides the failure itself. */
export interface ChangeAdviceContext {
  /** What ARM was asked to change. */
  target: "registry" | "replica";
  /** The ARM action the change needs (named for 403). */
  action: string;
  /** ARM's status and code of the failure. */
  status: number;
  code: string;
  /** For 429: when to try again (ISO time), if ARM said. */
  retryAt?: string;
}

type ChangeAdvice = (context: ChangeAdviceContext) => string;

/** A change that failed on the server or on the way there may still have been applied. */
const mayHaveApplied = (what: string) =>
  `${what}, so the change may or may not have been applied. The state below is what ARM reports on a fresh read; if it is not what you asked for, try again in a minute.`;

/** The advice, per kind: `read` after a failed read, `change` after a failed switch change. */
const FAILURE_ADVICE = {
  unexpected: {
    read: "Reload the page. If it keeps happening, report it with the time it happened.",
    change: () =>
      "The change may or may not have been applied. Reload the page to see what ARM reports, then decide.",
  },
  operationFailed: {
    change: () =>
      "ARM accepted the change but its operation ended Failed. The state below is what ARM reports now, whether or not the change was kept. Try again; if it fails again, give the request id to Azure support.",
  },
  operationCanceled: {
    change: () =>
      "ARM accepted the change but its operation was canceled before it finished. The state below is what ARM reports now; try again if it is not what you wanted.",
  },
  offline: {
    read: "The console's server did not answer. Check your connection and that the console is running, then reload.",
    change: () => mayHaveApplied("The connection to the console's server was lost"),
  },
  invalid: {
    read: "The address is malformed: check the subscription, resource group and registry name in the URL.",
    change: () => "ARM rejected the change as invalid (see its message). Nothing was changed.",
  },
  signedOut: {
    read: "Your sign-in is no longer accepted. Sign out and sign in again.",
    change: () => "Your sign-in is no longer accepted. Sign in again, then retry.",
  },
  forbidden: {
    read: "Your account lacks access. Ask an owner of the subscription or registry for a role that can read it, such as Reader.",
    change: ({ action }) =>
      `Your account lacks ${action} on this registry, so ARM refused the change. Ask an owner for the ${WRITE_ROLE} role (or Owner) on the registry, its resource group or subscription; if it was granted just now, sign out and in again.`,
  },
  notFound: {
    read: "ARM does not have it: it may have been deleted or renamed, or the name is misspelled. Go back to the inventory to find it.",
    change: ({ target }) =>
      `ARM no longer has this ${target}: it may have been deleted. Reload the page.`,
  },
  conflict: {
    read: "Another operation is running on this resource. Wait for it to finish, then reload.",
    change: ({ target }) =>
      `Another operation is already running on this ${target}, so ARM did not apply this one. Wait until its provisioning state is no longer Updating, then try again.`,
  },
  throttled: {
    read: "ARM is throttling requests for your account. Wait a minute before reloading.",
    change: ({ retryAt }) =>
      retryAt
        ? `ARM is throttling requests from your account, and the console's own retries are used up. Try again after ${retryAt.slice(11, 19)} UTC.`
        : "ARM is throttling requests from your account, and the console's own retries are used up. Wait a minute, then try again.",
  },
  consoleLimit: {
    read: "This is the console's own limit, not Azure's (its message says which). Close what you do not need, or wait a minute, then reload.",
    change: () =>
      "The console refused the request at its own limit, not Azure's, so nothing was changed. Wait a minute, then try again.",
  },
  graphQuota: {
    read: "Azure Resource Graph's query quota for your account is spent for now. Wait for the time it gives, then reload; other tools reading Resource Graph as you share the quota.",
    change: () =>
      "Azure Resource Graph's query quota for your account is spent, so nothing was changed. Wait a minute, then try again.",
  },
  serverError: {
    read: "Azure Resource Manager or the console failed. Retry in a moment; if it persists, give the request id to support.",
    change: ({ code, status }) =>
      mayHaveApplied(
        code === "ArmUnreachable"
          ? "Azure Resource Manager could not be reached"
          : `Azure Resource Manager failed (HTTP ${status})`,
      ),
  },
  other: {
    read: "Reload the page; if it persists, give the request id to support.",
    change: () =>
      "Nothing is known to have changed. Reload the page before trying again; if it persists, give the request id to support.",
  },
} satisfies Record<FailureKind, { read?: string; change: ChangeAdvice }>;

const KIND_OF_STATUS: ReadonlyMap<number, StatusKind> = new Map([
  [0, "offline"],
  [400, "invalid"],
  [401, "signedOut"],
  [403, "forbidden"],
  [404, "notFound"],
  [409, "conflict"],
  [429, "throttled"],
]);

function statusKind(status: number): StatusKind {
  return KIND_OF_STATUS.get(status) ?? (status >= 500 ? "serverError" : "other");
}

const KIND_OF_LIMIT = { console: "consoleLimit", "resource-graph": "graphQuota" } as const;

/** A failed read has no operation: its status (and for a 429, whose limit) says it all. */
function readKind(error: unknown): "unexpected" | LimitKind | StatusKind {
  if (!(error instanceof ApiError)) return "unexpected";
  const limit = error.status === 429 ? error.limitedBy : undefined;
  return limit ? KIND_OF_LIMIT[limit] : statusKind(error.status);
}

/** A failed change: an operation outcome (`details.operationStatus`) outweighs its status. */
function changeKind(error: unknown): FailureKind {
  const outcome = changeFailureDetails(error).operationStatus;
  if (outcome === "Failed") return "operationFailed";
  if (outcome === "Canceled") return "operationCanceled";
  return readKind(error);
}

/** What to do after a failed read. */
export function readAdvice(error: unknown): string {
  return FAILURE_ADVICE[readKind(error)].read;
}

/** What to do after a failed switch change; `retryAt` is when a 429 may be retried, if known. */
export function changeAdvice(
  error: unknown,
  change: Pick<ChangeAdviceContext, "target" | "action">,
  retryAt?: string,
): string {
  const { status, code } = error instanceof ApiError ? error : { status: 0, code: "" };
  return FAILURE_ADVICE[changeKind(error)].change({ ...change, status, code, retryAt });
}
