import "server-only";
import { Agent as HttpAgent } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import { ResourceGraphClient } from "@azure/arm-resourcegraph";
import { getServerConfig } from "../../env";
import { ApiError } from "../../errors";
import { armResponseError } from "../errors";
import { callerCredential, type BearerToken } from "../client";
import { GRAPH_PAGE_SIZE, type GraphPage, type GraphRequest } from "./graph-reader";

/** The api-version of `@azure/arm-resourcegraph` 4.x (the last major that runs on Node 20). */
export const GRAPH_API_VERSION = "2021-03-01";

/** Agents shared by every Resource Graph client of the process (one keep-alive pool per CA). */
const agents = new Map<string, { http: HttpAgent; https: HttpsAgent }>();

function agentsFor(caPem: string | undefined) {
  const key = caPem ?? "";
  let pair = agents.get(key);
  if (!pair) {
    pair = {
      http: new HttpAgent({ keepAlive: true }),
      https: new HttpsAgent({ keepAlive: true, ...(caPem ? { ca: caPem } : {}) }),
    };
    agents.set(key, pair);
  }
  return pair;
}

/** Quota headers of a Resource Graph answer: remaining queries and when the window resets. */
export function quotaOf(
  headers: { get(name: string): string | undefined } | undefined,
): GraphPage["quota"] {
  const remaining = Number(headers?.get("x-ms-user-quota-remaining"));
  const resetsAfter = headers?.get("x-ms-user-quota-resets-after");
  const match = resetsAfter ? /^(\d+):(\d{2}):(\d{2})(\.\d+)?$/.exec(resetsAfter.trim()) : null;
  return {
    ...(Number.isFinite(remaining) && headers?.get("x-ms-user-quota-remaining") !== undefined
      ? { remaining }
      : {}),
    ...(match
      ? {
          resetsAfterMs:
            (Number(match[1]) * 3600 +
              Number(match[2]) * 60 +
              Number(match[3]) +
              Number(match[4] ?? 0)) *
            1000,
        }
      : {}),
  };
}

/**
 * Sends one Resource Graph query page with `@azure/arm-resourcegraph` and the caller's own token,
 * at the console's ARM endpoint (and the emulator's CA when configured). Answers the page, or
 * throws the SDK's RestError (429, 403, ...) for the reader to handle.
 */
export function graphPageSender(
  caller: BearerToken,
): (request: GraphRequest) => Promise<GraphPage> {
  const config = getServerConfig();
  const client = new ResourceGraphClient(callerCredential(caller), {
    baseUri: config.armEndpoint,
    agentSettings: agentsFor(config.caPem),
    userAgent: "acr-geo-console",
    // The reader waits out 429s by Resource Graph's own quota headers and retries a failed page
    // once; the SDK's policies would wait 30 s and more between tries of a 5xx.
    noRetryPolicy: true,
  });
  return async (request) => {
    let response;
    try {
      response = await client.resources({
        query: request.query,
        ...(request.subscriptions ? { subscriptions: request.subscriptions } : {}),
        options: {
          resultFormat: "objectArray",
          top: GRAPH_PAGE_SIZE,
          ...(request.skipToken ? { skipToken: request.skipToken } : {}),
        },
      });
    } catch (error) {
      throw graphError(error);
    }
    const rows = Array.isArray(response.data) ? (response.data as Record<string, unknown>[]) : [];
    return {
      rows,
      totalRecords: response.totalRecords,
      truncated: response.resultTruncated === "true",
      ...(response.skipToken ? { skipToken: response.skipToken } : {}),
      quota: quotaOf(response._response.headers as { get(name: string): string | undefined }),
    };
  };
}

interface SdkError {
  statusCode?: number;
  code?: string;
  message?: string;
  body?: unknown;
  response?: { headers?: { get(name: string): string | undefined }; bodyAsText?: string | null };
}

/**
 * The SDK's error as the console's: a 429 stays as it is (the reader waits for the quota to
 * reset, from its headers); other answers become ApiErrors with Resource Graph's code and its
 * first detail in the message (its own message is only a correlation id); no answer is 502.
 */
function graphError(error: unknown): unknown {
  const e = error as SdkError;
  if (typeof e?.statusCode !== "number" || e.statusCode === 0) {
    return new ApiError(
      502,
      "ResourceGraphUnreachable",
      `Azure Resource Graph could not be reached (${e?.code ?? "connection failed"}).`,
      { cause: error },
    );
  }
  if (e.statusCode === 429) return error;
  const raw = e.response?.bodyAsText ?? e.body;
  const mapped = armResponseError(e.statusCode, e.response?.headers, raw ?? undefined);
  let detail: string | undefined;
  try {
    const body = (typeof raw === "string" ? JSON.parse(raw) : raw) as {
      error?: { details?: { code?: string; message?: string }[] };
    };
    const details = body?.error?.details ?? [];
    detail = details
      .map((d) => d.message ?? d.code)
      .filter(Boolean)
      .join(" ");
  } catch {
    // No JSON body: the status says it.
  }
  return new ApiError(
    mapped.status,
    mapped.code,
    detail ? `${mapped.message} ${detail}` : mapped.message,
    {
      requestId: mapped.requestId,
      cause: error,
    },
  );
}
