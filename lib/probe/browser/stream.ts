import { ApiError, errorOfAnswer, isApiErrorBody } from "@/lib/errors";
import type { ProbeSample } from "@/lib/probe/shared/types";
import type { TargetsEvent } from "@/lib/probe/shared/events";
import { SseParser } from "./sse-parser";

/** The stream's URL path. */
export const PROBE_STREAM_PATH = "/api/probes/stream";
/** With no byte for this long (the server beats every 15 s) the connection is taken as dead. */
export const STALL_MS = 45_000;
const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 30_000;

export type StreamState =
  | { state: "connecting"; attempt: number }
  | { state: "live" }
  | { state: "retrying"; attempt: number; inMs: number; error: ApiError }
  | { state: "failed"; error: ApiError }
  /** Not streaming: never opened, or closed by its owner (pause, hidden tab, unmount). */
  | { state: "closed" };

export interface ProbeStreamRequest {
  registryId: string;
  region?: string;
  intervalMs?: number;
}

export interface ProbeStreamHandlers {
  /**
   * The stream's targets. `update` is false for the first event of a connection (what the server
   * knew when it opened) and true for a later one: the server's own re-read found that ARM now
   * lists other endpoints.
   */
  onTargets(event: TargetsEvent, info: { update: boolean }): void;
  onSample(sample: ProbeSample, eventId: string): void;
  onState(state: StreamState): void;
}

export interface OpenProbeStreamOptions extends ProbeStreamRequest, ProbeStreamHandlers {
  /** The signed-in user's token; called again for every (re)connection. */
  getToken: () => Promise<string>;
  /** Resume after this event id (the last one a previous connection delivered). */
  cursor?: string;
  fetch?: typeof fetch;
  /** Prefix of the stream path (the console's origin in a browser: ""). */
  baseUrl?: string;
  stallMs?: number;
  /**
   * Least time between two reads of the body (0: read as bytes arrive). The server sends each
   * probe's sample as it is taken, so a registry of 40 endpoints is 40 small chunks a second,
   * each a task of the page's main thread; reading every few hundred ms takes what arrived
   * meanwhile as one chunk (the bytes wait in the browser's network buffer).
   */
  readEveryMs?: number;
}

/** The stream's URL for a request (the cursor travels in the `Last-Event-ID` header instead). */
export function probeStreamUrl(request: ProbeStreamRequest, baseUrl = ""): string {
  const params = new URLSearchParams({ registryId: request.registryId });
  if (request.region) params.set("region", request.region);
  if (request.intervalMs) params.set("intervalMs", String(request.intervalMs));
  return `${baseUrl}${PROBE_STREAM_PATH}?${params.toString()}`;
}

/**
 * Whether a failed connection is worth trying again: network trouble, a stalled stream, server
 * errors and throttling are; a refused input or a registry the user may not read are not. A 401
 * is tried again once, with a token fetched anew.
 */
export function shouldReconnect(error: ApiError, attempt: number): boolean {
  if (error.status === 401) return attempt < 2;
  if (error.status === 0 || error.status === 408 || error.status === 429) return true;
  return error.status >= 500;
}

/** Back-off before the next connection: 1 s, 2 s, 4 s, ... up to 30 s. */
export function retryDelay(attempt: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(attempt - 1, 0), MAX_RETRY_MS);
}

/**
 * The wait the server asked for with a refusal (the console's stream limits answer 429, a server
 * shutting down 503, each with `retryAfterSeconds`), in ms; 0 when it asked for none.
 */
export function requestedDelay(error: ApiError): number {
  const seconds = (error.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  return typeof seconds === "number" && seconds > 0 ? Math.min(seconds * 1000, 5 * 60_000) : 0;
}

/** The error of a failed stream request, from the body the server sent. */
async function errorFrom(response: Response): Promise<ApiError> {
  return errorOfAnswer(response, await response.text().catch(() => ""));
}

/**
 * Opens the probe stream with fetch (EventSource cannot send an Authorization header) and keeps
 * it open: parses the events, reconnects after a network failure, a stall or a server's `end`
 * with the last event id (`Last-Event-ID`) so the server replays what was missed, and stops for
 * good on an error the user has to act on. Returns `close`, which ends it; after `close` no
 * handler is called again.
 */
export function openProbeStream(options: OpenProbeStreamOptions): { close(): void } {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  // After close() nothing more is reported: the caller may already run the next stream.
  const onState = (state: StreamState) => {
    if (!closed) options.onState(state);
  };
  const stallMs = options.stallMs ?? STALL_MS;
  const readEveryMs = options.readEveryMs ?? 0;
  const url = probeStreamUrl(options, options.baseUrl);
  let cursor = options.cursor;
  let closed = false;
  let current: AbortController | undefined;
  /** Whether the connection in progress has delivered an event (then back-off starts over). */
  let delivered = false;
  let wake: (() => void) | undefined;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  /** One connection; resolves with how it ended. */
  const connect = async (token: string): Promise<"ended" | ApiError> => {
    const abort = new AbortController();
    current = abort;
    let stallTimer: ReturnType<typeof setTimeout> | undefined;
    const armStall = () => {
      clearTimeout(stallTimer);
      stallTimer = setTimeout(() => abort.abort(new Error("stalled")), stallMs);
    };
    try {
      armStall();
      const headers: Record<string, string> = {
        authorization: `Bearer ${token}`,
        accept: "text/event-stream",
      };
      if (cursor) headers["last-event-id"] = cursor;
      let response: Response;
      try {
        response = await doFetch(url, { headers, signal: abort.signal, cache: "no-store" });
      } catch (error) {
        return new ApiError(0, "NetworkError", "The console's server could not be reached.", {
          cause: error,
        });
      }
      if (!response.ok) return await errorFrom(response);
      if (!response.body) {
        return new ApiError(response.status, "InvalidResponse", "The stream has no body.");
      }
      onState({ state: "live" });
      const parser = new SseParser(cursor ?? "");
      let sawTargets = false;
      const decoder = new TextDecoder();
      const reader = response.body.getReader();
      try {
        for (let readAt = 0; ;) {
          const wait = readAt + readEveryMs - performance.now();
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
          if (closed) return "ended";
          readAt = performance.now();
          const { done, value } = await reader.read();
          if (done) break;
          armStall();
          for (const message of parser.push(decoder.decode(value, { stream: true }))) {
            delivered = true;
            if (closed) return "ended";
            if (message.event === "message") {
              const sample = JSON.parse(message.data) as ProbeSample;
              if (message.hasId) cursor = message.lastEventId;
              options.onSample(sample, message.lastEventId);
            } else if (message.event === "targets") {
              options.onTargets(JSON.parse(message.data) as TargetsEvent, { update: sawTargets });
              sawTargets = true;
            } else if (message.event === "error") {
              const body: unknown = JSON.parse(message.data);
              return isApiErrorBody(body)
                ? ApiError.fromBody(body)
                : new ApiError(500, "StreamError", "The stream ended with an error.");
            } else if (message.event === "end") {
              return "ended";
            }
          }
        }
      } catch (error) {
        if (closed) return "ended";
        return new ApiError(0, "NetworkError", "The probe stream was interrupted.", {
          cause: error,
        });
      } finally {
        reader.cancel().catch(() => undefined);
      }
      return new ApiError(0, "NetworkError", "The probe stream ended unexpectedly.");
    } finally {
      clearTimeout(stallTimer);
      if (current === abort) current = undefined;
    }
  };

  const run = async () => {
    let attempt = 0;
    while (!closed) {
      attempt++;
      onState({ state: "connecting", attempt });
      let outcome: "ended" | ApiError;
      delivered = false;
      try {
        outcome = await connect(await options.getToken());
      } catch (error) {
        outcome =
          error instanceof ApiError
            ? error
            : new ApiError(
                401,
                "SignInRequired",
                "A token for the probe stream could not be got.",
                {
                  cause: error,
                },
              );
      }
      if (closed) break;
      if (outcome === "ended") {
        // The server closed on purpose (token expiry, slow reader): come back at once.
        attempt = 0;
        continue;
      }
      // A connection that worked for a while and then dropped starts the back-off over.
      if (delivered) attempt = 1;
      if (!shouldReconnect(outcome, attempt)) {
        onState({ state: "failed", error: outcome });
        return;
      }
      const inMs = Math.max(retryDelay(attempt), requestedDelay(outcome));
      onState({ state: "retrying", attempt, inMs, error: outcome });
      await sleep(inMs);
    }
  };
  void run();

  return {
    close() {
      if (closed) return;
      closed = true;
      current?.abort();
      wake?.();
    },
  };
}
