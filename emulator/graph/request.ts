import { createHash } from "node:crypto";
import { graphErrors } from "./errors";

/* A QueryRequest body, checked; skip tokens; column types of the table format. */

/** Rows per page at most (Resource Graph's limit). */
export const MAX_TOP = 1000;

export interface QueryBody {
  query: string;
  subscriptions?: string[];
  options: {
    skipToken?: string;
    top?: number;
    skip?: number;
    resultFormat: "objectArray" | "table";
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function parseBody(body: unknown): QueryBody {
  if (!isObject(body))
    throw graphErrors.badRequest(
      "InvalidRequestContent",
      "The request body must be a QueryRequest object.",
    );
  if (typeof body.query !== "string") {
    throw graphErrors.badRequest(
      "InvalidRequestContent",
      "The 'query' property is required and must be a string.",
    );
  }
  const subs = body.subscriptions;
  if (subs !== undefined && (!Array.isArray(subs) || subs.some((s) => typeof s !== "string"))) {
    throw graphErrors.badRequest(
      "InvalidRequestContent",
      "'subscriptions' must be an array of subscription ids.",
    );
  }
  const o = body.options === undefined || body.options === null ? {} : body.options;
  if (!isObject(o))
    throw graphErrors.badRequest("InvalidRequestContent", "'options' must be an object.");
  const int = (key: string, min: number, max: number) => {
    const v = o[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) {
      throw graphErrors.badRequest(
        "InvalidRequestContent",
        `'options.${key}' must be an integer from ${min} to ${max}.`,
      );
    }
    return v;
  };
  const format = o.resultFormat ?? "objectArray";
  if (format !== "objectArray" && format !== "table") {
    throw graphErrors.badRequest(
      "InvalidRequestContent",
      "'options.resultFormat' must be 'table' or 'objectArray'.",
    );
  }
  const skipToken = o.$skipToken;
  if (skipToken !== undefined && skipToken !== null && typeof skipToken !== "string") {
    throw graphErrors.badRequest("InvalidRequestContent", "'options.$skipToken' must be a string.");
  }
  return {
    query: body.query,
    ...(subs ? { subscriptions: subs as string[] } : {}),
    options: {
      ...(typeof skipToken === "string" ? { skipToken } : {}),
      top: int("$top", 1, MAX_TOP),
      skip: int("$skip", 0, 2 ** 31 - 1),
      resultFormat: format,
    },
  };
}

/** What a skip token pins: the offset, and the query and scopes it belongs to. */
export function queryHash(body: QueryBody): string {
  return createHash("sha256")
    .update(JSON.stringify([body.query, body.subscriptions ?? null, body.options.resultFormat]))
    .digest("base64url")
    .slice(0, 16);
}

export function decodeSkipToken(token: string, hash: string): { offset: number; top: number } {
  try {
    const parsed = JSON.parse(Buffer.from(token, "base64").toString("utf8")) as Record<
      string,
      unknown
    >;
    if (parsed.h === hash && Number.isInteger(parsed.o) && Number.isInteger(parsed.t)) {
      return { offset: parsed.o as number, top: parsed.t as number };
    }
  } catch {
    // Reported below.
  }
  throw graphErrors.badRequest(
    "InvalidSkipToken",
    "The $skipToken is invalid, or belongs to another query or other scopes.",
  );
}

export function columnType(values: unknown[]): string {
  const v = values.find((x) => x !== null && x !== undefined);
  if (typeof v === "boolean") return "boolean";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  if (typeof v === "object") return "object";
  return "string";
}
