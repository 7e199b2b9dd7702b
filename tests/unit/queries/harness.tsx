import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { vi } from "vitest";
import { ApiClient, bindApiClient } from "@/lib/queries/api";

/** One request the stubbed fetch saw. */
export interface SeenRequest {
  method: string;
  path: string;
  body?: unknown;
}

type Answer = Response | Promise<Response> | (() => Response | Promise<Response>);

/**
 * A stubbed `fetch` for the hooks' requests to the console's /api: answers are queued per
 * `METHOD path` (path with its query) and taken in order; a request without a queued answer
 * fails the test with a 599 that names it.
 */
export function stubApi() {
  const queues = new Map<string, Answer[]>();
  const seen: SeenRequest[] = [];
  const fetchStub = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const path = String(input);
    const method = init?.method ?? "GET";
    const body = typeof init?.body === "string" ? (JSON.parse(init.body) as unknown) : undefined;
    seen.push({ method, path, ...(body === undefined ? {} : { body }) });
    const next = queues.get(`${method} ${path}`)?.shift();
    if (!next)
      return json(599, {
        error: { code: "Unexpected", message: `${method} ${path}`, status: 599 },
      });
    return typeof next === "function" ? next() : next;
  });
  vi.stubGlobal("fetch", fetchStub);
  return {
    seen,
    answer(method: string, path: string, ...answers: Answer[]) {
      const key = `${method} ${path}`;
      queues.set(key, [...(queues.get(key) ?? []), ...answers]);
    },
  };
}

export function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json" },
  });
}

/** The console's error answer for a failed ARM call (code, message, request id, details). */
export function apiErrorAnswer(status: number, code: string, details?: unknown): Response {
  return json(status, {
    error: { code, message: `${code} from ARM`, status, requestId: "req-1", details },
  });
}

/** A Response the test releases when it wants: to look at the state while a request is out. */
export function deferred() {
  let release!: (response: Response) => void;
  const response = new Promise<Response>((resolve) => (release = resolve));
  return { response, release };
}

/** A fresh QueryClient per test (no retries), with an API client bound, and its provider. */
export function queryHarness() {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  bindApiClient(queryClient, new ApiClient(async () => "test-token"));
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
  );
  return { queryClient, wrapper };
}
