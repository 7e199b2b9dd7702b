import { randomUUID } from "node:crypto";
import { ArmError } from "../arm/errors";

/** Resource Graph's error body: `{ error: { code, message, details: [{ code, message }] } }`. */
export class GraphError extends ArmError {
  constructor(
    status: number,
    code: string,
    message: string,
    readonly details: { code: string; message: string }[],
    headers: Record<string, string> = {},
  ) {
    super(status, code, message, headers);
    this.name = "GraphError";
  }

  override get body() {
    return { error: { code: this.code, message: this.message, details: this.details } };
  }
}

/** The outer message Resource Graph puts on its errors, with a timestamp and correlation id. */
function supportMessage(): string {
  return `Please provide below info when asking for support: timestamp = ${new Date().toISOString()}, correlationId = ${randomUUID()}.`;
}

export const graphErrors = {
  /** A query outside the emulated subset, or malformed: Resource Graph's `InvalidQuery` shape. */
  invalidQuery: (reason: string, code = "ParserFailure") =>
    new GraphError(400, "BadRequest", supportMessage(), [
      {
        code: "InvalidQuery",
        message:
          "Query is invalid. Please refer to the documentation for the Azure Resource Graph service and fix the error before retrying.",
      },
      { code, message: reason },
    ]),
  badRequest: (code: string, reason: string) =>
    new GraphError(400, "BadRequest", supportMessage(), [{ code, message: reason }]),
  rateLimited: (headers: Record<string, string>) =>
    new GraphError(
      429,
      "RateLimiting",
      supportMessage(),
      [
        {
          code: "RateLimiting",
          message:
            "Client application has been throttled and should not attempt to repeat the request until an amount of time has elapsed. Please see https://aka.ms/resourcegraph-throttling for help.",
        },
      ],
      headers,
    ),
};
