import type { LroMode } from "../config";

/** What `POST /_emulator/faults` accepts (see emulator/README.md, "Faults"). */
export interface FaultSpec {
  match: { method?: string; path?: string };
  /** HTTP status to answer with (an ARM error); for an LRO fault, the failed Location poll's status. */
  status?: number;
  count: number;
  retryAfter?: number;
  code?: string;
  message?: string;
  /** Answer this much later (alone: a slow but otherwise normal answer). */
  delayMs?: number;
  /** The long-running operation started by the matching PATCH ends this way. */
  lro?: "Failed" | "Canceled";
  /** The matching PATCH answers in this shape instead of the configured one. */
  lroMode?: LroMode;
}

interface ActiveFault extends FaultSpec {
  id: number;
  pattern: RegExp | null;
  remaining: number;
}

export class FaultValidationError extends Error {}

const MAX_DELAY_MS = 120_000;

function optionalString(b: Record<string, unknown>, key: string): string | undefined {
  const v = b[key];
  if (v === undefined) return undefined;
  if (typeof v !== "string" || v === "")
    throw new FaultValidationError(`'${key}' must be a non-empty string.`);
  return v;
}

function optionalInt(
  b: Record<string, unknown>,
  key: string,
  min: number,
  max: number,
): number | undefined {
  const v = b[key];
  if (v === undefined) return undefined;
  if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) {
    throw new FaultValidationError(`'${key}' must be an integer from ${min} to ${max}.`);
  }
  return v;
}

/** Checks a fault posted to the control API; throws FaultValidationError with the reason. */
export function parseFault(body: unknown): FaultSpec {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new FaultValidationError("The body must be a JSON object.");
  }
  const b = body as Record<string, unknown>;
  const known = [
    "match",
    "status",
    "count",
    "retryAfter",
    "code",
    "message",
    "delayMs",
    "lro",
    "lroMode",
  ];
  const unknown = Object.keys(b).filter((k) => !known.includes(k));
  if (unknown.length > 0)
    throw new FaultValidationError(`Unknown field(s): ${unknown.join(", ")}.`);
  const rawMatch = b.match ?? {};
  if (typeof rawMatch !== "object" || rawMatch === null || Array.isArray(rawMatch)) {
    throw new FaultValidationError("'match' must be an object.");
  }
  const m = rawMatch as Record<string, unknown>;
  const method = optionalString(m, "method")?.toUpperCase();
  const path = optionalString(m, "path");
  if (path !== undefined) {
    try {
      new RegExp(path);
    } catch {
      throw new FaultValidationError(`'match.path' is not a valid regular expression: ${path}`);
    }
  }
  const lro = b.lro;
  if (lro !== undefined && lro !== "Failed" && lro !== "Canceled") {
    throw new FaultValidationError('\'lro\' must be "Failed" or "Canceled".');
  }
  const lroMode = b.lroMode;
  if (
    lroMode !== undefined &&
    lroMode !== "async" &&
    lroMode !== "location" &&
    lroMode !== "sync"
  ) {
    throw new FaultValidationError('\'lroMode\' must be "async", "location" or "sync".');
  }
  const spec: FaultSpec = {
    match: { ...(method ? { method } : {}), ...(path ? { path } : {}) },
    status: optionalInt(b, "status", 200, 599),
    count: optionalInt(b, "count", 1, 1_000_000) ?? 1,
    retryAfter: optionalInt(b, "retryAfter", 0, 3600),
    code: optionalString(b, "code"),
    message: optionalString(b, "message"),
    delayMs: optionalInt(b, "delayMs", 0, MAX_DELAY_MS),
    lro: lro as FaultSpec["lro"],
    lroMode: lroMode as FaultSpec["lroMode"],
  };
  if (spec.status === undefined && spec.delayMs === undefined && !spec.lro && !spec.lroMode) {
    throw new FaultValidationError(
      "A fault needs at least one of 'status', 'delayMs', 'lro', 'lroMode'.",
    );
  }
  return spec;
}

function isLroFault(f: FaultSpec): boolean {
  return f.lro !== undefined || f.lroMode !== undefined;
}

/**
 * Faults waiting to hit ARM requests. A request fault (status and/or delay) is used up by any
 * matching request; an LRO fault only by a matching PATCH that starts a long-running operation.
 */
export class FaultList {
  private faults: ActiveFault[] = [];
  private nextId = 1;

  add(spec: FaultSpec): { id: number } {
    const fault: ActiveFault = {
      ...spec,
      id: this.nextId++,
      pattern: spec.match.path ? new RegExp(spec.match.path) : null,
      remaining: spec.count,
    };
    this.faults.push(fault);
    return { id: fault.id };
  }

  list() {
    return this.faults.map(({ pattern: _pattern, ...f }) => f);
  }

  clear(): void {
    this.faults = [];
  }

  /** The next request fault for this request, used up by the call. */
  takeRequestFault(method: string, path: string): FaultSpec | undefined {
    return this.take(method, path, (f) => !isLroFault(f));
  }

  /** The next LRO fault for a PATCH that starts an operation, used up by the call. */
  takeLroFault(method: string, path: string): FaultSpec | undefined {
    return this.take(method, path, isLroFault);
  }

  private take(
    method: string,
    path: string,
    kind: (f: FaultSpec) => boolean,
  ): FaultSpec | undefined {
    const fault = this.faults.find(
      (f) =>
        kind(f) &&
        (!f.match.method || f.match.method === method.toUpperCase()) &&
        (!f.pattern || f.pattern.test(path)),
    );
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults = this.faults.filter((f) => f !== fault);
    return fault;
  }
}
