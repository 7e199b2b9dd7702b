import { expect } from "vitest";
import { GET } from "@/app/api/probes/stream/route";
import { SseParser, type SseMessage } from "@/lib/probe/browser/sse-parser";
import type { ProbeSample } from "@/lib/probe/server";
import type { TargetsEvent } from "@/lib/probe/shared/events";
import { control } from "../support/emulator-client";
import type { EmulatorEndpoints } from "../support/emulator-process";
import { registryParams, tokenFor } from "./console-api-support";

/*
 * Shared by the probe stream integration tests: calls the stream route in-process as Next.js
 * would (a Request with a signal that aborts when the client goes away) and reads the streamed
 * body as a client does.
 */

/** A registry's ARM id, found through ARM with the operator's token. */
export async function registryIdOf(endpoints: EmulatorEndpoints, name: string): Promise<string> {
  const token = await tokenFor(endpoints, "operator");
  const { subscriptionId, resourceGroup, registryName } = await registryParams(
    endpoints,
    token,
    name,
  );
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.ContainerRegistry/registries/${registryName}`;
}

export interface StreamEvent extends SseMessage {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

/** An open stream: every event received so far, and a way to wait for one. */
export class OpenStream {
  readonly events: StreamEvent[] = [];
  comments = 0;
  ended = false;
  private waiters: (() => void)[] = [];

  constructor(
    readonly response: Response,
    private readonly abortController: AbortController,
  ) {
    void this.read();
  }

  get status() {
    return this.response.status;
  }

  /** Samples received, in order. */
  samples(): ProbeSample[] {
    return this.events.filter((e) => e.event === "message").map((e) => e.json as ProbeSample);
  }

  targets(): TargetsEvent[] {
    return this.events.filter((e) => e.event === "targets").map((e) => e.json as TargetsEvent);
  }

  /** The first event (received or to come) that matches; fails after `timeoutMs`. */
  async waitFor(
    match: (e: StreamEvent) => boolean,
    what: string,
    timeoutMs = 20_000,
  ): Promise<StreamEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.find(match);
      if (found) return found;
      if (this.ended) throw new Error(`stream ended before ${what}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no event within ${timeoutMs} ms: ${what}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The first sample that matches. */
  async sample(match: (s: ProbeSample) => boolean, what: string, timeoutMs?: number) {
    const event = await this.waitFor(
      (e) => e.event === "message" && match(e.json as ProbeSample),
      what,
      timeoutMs,
    );
    return event.json as ProbeSample;
  }

  /** The client goes away (tab closed, navigation): the request's signal aborts. */
  abort() {
    this.abortController.abort();
  }

  /** Resolves when the body has ended. */
  async closed(timeoutMs = 10_000) {
    await this.waitFor(() => false, "end", timeoutMs).catch((e: Error) => {
      if (!this.ended) throw e;
    });
  }

  private async read() {
    const body = this.response.body;
    if (!body) return;
    const reader = body.getReader();
    const decoder = new TextDecoder();
    const parser = new SseParser();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        for (const message of parser.push(decoder.decode(value, { stream: true }))) {
          this.events.push({ ...message, json: JSON.parse(message.data) });
        }
        this.comments = parser.comments;
        this.wake();
      }
    } catch {
      // Aborted.
    } finally {
      this.ended = true;
      this.wake();
    }
  }

  private wake() {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}

export interface StreamCall {
  token?: string;
  authorization?: string;
  query?: Record<string, string>;
  /** A raw query string instead of `query` (for hostile inputs). */
  rawQuery?: string;
  lastEventId?: string;
}

/** Calls `GET /api/probes/stream` in-process. */
export async function openStream(call: StreamCall): Promise<OpenStream> {
  const url = new URL("http://console.test/api/probes/stream");
  if (call.rawQuery !== undefined) url.search = call.rawQuery;
  for (const [k, v] of Object.entries(call.query ?? {})) url.searchParams.set(k, v);
  const headers = new Headers({ accept: "text/event-stream" });
  const authorization = call.authorization ?? (call.token ? `Bearer ${call.token}` : undefined);
  if (authorization) headers.set("authorization", authorization);
  if (call.lastEventId) headers.set("last-event-id", call.lastEventId);
  const abort = new AbortController();
  const response = await GET(new Request(url, { headers, signal: abort.signal }));
  return new OpenStream(response, abort);
}

/** A refused call: the JSON error body, after checking it is not a stream. */
export async function refusal(call: StreamCall) {
  const url = new URL("http://console.test/api/probes/stream");
  if (call.rawQuery !== undefined) url.search = call.rawQuery;
  for (const [k, v] of Object.entries(call.query ?? {})) url.searchParams.set(k, v);
  const headers = new Headers();
  const authorization = call.authorization ?? (call.token ? `Bearer ${call.token}` : undefined);
  if (authorization) headers.set("authorization", authorization);
  if (call.lastEventId) headers.set("last-event-id", call.lastEventId);
  const response = await GET(new Request(url, { headers }));
  expect(response.headers.get("content-type")).toContain("application/json");
  return { status: response.status, body: (await response.json()) as { error: { code: string } } };
}

export interface DataRequest {
  plane: string;
  method: string;
  path: string;
  host?: string;
  at: string;
}

/** The emulator's data-plane request log. */
export function dataPlaneRequests(endpoints: EmulatorEndpoints): Promise<DataRequest[]> {
  return control<DataRequest[]>(endpoints, "requests?plane=data");
}

export async function clearRequestLog(endpoints: EmulatorEndpoints): Promise<void> {
  await control(endpoints, "requests", undefined, "DELETE");
}
