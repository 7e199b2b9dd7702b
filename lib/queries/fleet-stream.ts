"use client";
import { useEffect, useState } from "react";
import { ApiError, errorOfAnswer } from "@/lib/errors";
import type { EndpointHealth, SweepEvent } from "@/lib/fleet/shared/types";
import { SseParser } from "@/lib/probe/browser/sse-parser";
import { retryDelay, shouldReconnect } from "@/lib/probe/browser/stream";
import { useApiClient } from "./api-client-provider";

export const FLEET_STREAM_PATH = "/api/fleet/stream";

export interface SweepState {
  /** The newest result of each host the stream reported, by lowercase host. */
  health: ReadonlyMap<string, EndpointHealth>;
  lastRoundAt: string | null;
  status: "connecting" | "live" | "retrying" | "failed" | "closed";
  error?: ApiError;
}

/** The error of a failed stream request, from the body the server sent. */
async function errorFrom(response: Response): Promise<ApiError> {
  return errorOfAnswer(response, await response.text().catch(() => ""));
}

/**
 * The fleet sweep's results as they come (`GET /api/fleet/stream`, read with fetch since
 * EventSource cannot send the bearer token), reconnecting after failures the way the probe
 * stream does. Off while `enabled` is false.
 */
export function useSweepStream(enabled: boolean): SweepState {
  const api = useApiClient();
  const [state, setState] = useState<SweepState>({
    health: new Map(),
    lastRoundAt: null,
    status: "closed",
  });
  useEffect(() => {
    if (!enabled) return;
    let closed = false;
    let abort: AbortController | undefined;
    const health = new Map<string, EndpointHealth>();
    const apply = (event: SweepEvent) => {
      for (const h of event.health) health.set(h.host.toLowerCase(), h);
      setState({ health: new Map(health), lastRoundAt: event.lastRoundAt, status: "live" });
    };
    const connect = async (): Promise<ApiError | "ended"> => {
      abort = new AbortController();
      let response: Response;
      try {
        response = await fetch(FLEET_STREAM_PATH, {
          headers: { authorization: `Bearer ${await api.token()}`, accept: "text/event-stream" },
          signal: abort.signal,
          cache: "no-store",
        });
      } catch (error) {
        return new ApiError(0, "NetworkError", "The console's server could not be reached.", {
          cause: error,
        });
      }
      if (!response.ok) return errorFrom(response);
      if (!response.body)
        return new ApiError(response.status, "InvalidResponse", "The stream has no body.");
      setState((s) => ({ ...s, status: "live" }));
      const parser = new SseParser();
      const decoder = new TextDecoder();
      const reader = response.body.getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done || closed) return "ended";
          for (const message of parser.push(decoder.decode(value, { stream: true }))) {
            if (message.event === "sweep") apply(JSON.parse(message.data) as SweepEvent);
            else if (message.event === "end") return "ended";
          }
        }
      } catch (error) {
        return new ApiError(0, "NetworkError", "The sweep stream was interrupted.", {
          cause: error,
        });
      } finally {
        reader.cancel().catch(() => undefined);
      }
    };
    const run = async () => {
      let attempt = 0;
      while (!closed) {
        attempt++;
        setState((s) => ({ ...s, status: attempt === 1 ? "connecting" : s.status }));
        const outcome = await connect().catch(
          (error: unknown) =>
            new ApiError(401, "SignInRequired", "A token for the sweep stream could not be got.", {
              cause: error,
            }),
        );
        if (closed) return;
        if (outcome === "ended") {
          attempt = 0;
          continue;
        }
        if (!shouldReconnect(outcome, attempt)) {
          setState((s) => ({ ...s, status: "failed", error: outcome }));
          return;
        }
        setState((s) => ({ ...s, status: "retrying", error: outcome }));
        await new Promise((resolve) => setTimeout(resolve, retryDelay(attempt)));
      }
    };
    void run();
    return () => {
      closed = true;
      abort?.abort();
    };
  }, [api, enabled]);
  return state;
}
