import "server-only";
import { ApiError } from "../errors";

/**
 * Where the server process stands in its life: serving, or draining after SIGTERM. Open probe
 * streams and in-flight switch changes register here so a shutdown can end the first and wait
 * for the second. Held on globalThis because Next.js bundles server code more than once (each
 * route, the instrumentation hook) and all of them must see one state.
 */

/** Ends one open stream, telling its client why (the `event: end` reason). */
export type EndStream = (reason: "server-shutdown", message: string) => void;

interface LifecycleState {
  draining: boolean;
  streams: Set<EndStream>;
  changes: Set<Promise<unknown>>;
}

const holder = globalThis as typeof globalThis & { __acrConsoleLifecycle?: LifecycleState };

export function lifecycleState(): LifecycleState {
  holder.__acrConsoleLifecycle ??= { draining: false, streams: new Set(), changes: new Set() };
  return holder.__acrConsoleLifecycle;
}

/** True once a shutdown has begun: no new streams or changes are accepted. */
export function isDraining(): boolean {
  return lifecycleState().draining;
}

/** 503 for work that arrives while the server drains; the client retries (on another instance). */
export function shuttingDown(): ApiError {
  return new ApiError(
    503,
    "ShuttingDown",
    "This console server is shutting down. Try again; another instance will answer.",
    { details: { retryAfterSeconds: 1 } },
  );
}

/** Registers an open stream; returns the function that unregisters it when it closes. */
export function registerStream(end: EndStream): () => void {
  const { streams } = lifecycleState();
  streams.add(end);
  return () => streams.delete(end);
}

/**
 * Runs a change (a write to ARM and its long-running operation) so that a shutdown waits for it.
 * Refused with 503 while the server drains: a change must not start on a server about to stop.
 */
export async function trackChange<T>(run: () => Promise<T>): Promise<T> {
  const state = lifecycleState();
  if (state.draining) throw shuttingDown();
  const change = run();
  state.changes.add(change);
  try {
    return await change;
  } finally {
    state.changes.delete(change);
  }
}

/** Back to serving with nothing registered (tests, and a dev server's module reload). */
export function resetLifecycle(): void {
  holder.__acrConsoleLifecycle = { draining: false, streams: new Set(), changes: new Set() };
}
