import "server-only";
import { getSettings } from "../env";
import { logger } from "../log/logger";
import { closeSharedProbeHub } from "../probe/server/shared-hub";
import { lifecycleState } from "./state";

export interface ShutdownOptions {
  /** Longest wait for in-flight changes before `exit` (default SHUTDOWN_GRACE_MS). */
  graceMs?: number;
  /** Called when the grace period ends with work still running (default: process.exit(1)). */
  exit?: (code: number) => void;
  /** Stops the probe loops (default: the shared hub's). */
  closeProbes?: () => void;
}

/**
 * Drains the server: refuses new streams and changes (503 ShuttingDown), tells every open probe
 * stream to reconnect elsewhere (`event: end`, reason `server-shutdown`), stops the probe loops,
 * and waits for in-flight changes to finish. Resolves once they have; if they have not within the
 * grace period, `exit` is called so the process ends within a bound whatever ARM does. Next.js's
 * own SIGTERM handler closes the HTTP server meanwhile and exits once every request has ended.
 */
export async function beginShutdown(options: ShutdownOptions = {}): Promise<void> {
  const state = lifecycleState();
  if (state.draining) return;
  state.draining = true;
  const graceMs = options.graceMs ?? getSettings().shutdownGraceMs;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const log = logger();
  log.info(
    { event: "shutdown", streams: state.streams.size, changes: state.changes.size, graceMs },
    "shutting down: ending streams, waiting for changes",
  );
  for (const end of [...state.streams]) {
    end(
      "server-shutdown",
      "This console server is shutting down; reconnect with the last event id and another instance will answer.",
    );
  }
  state.streams.clear();
  (options.closeProbes ?? closeSharedProbeHub)();

  let timer: ReturnType<typeof setTimeout> | undefined;
  const bound = new Promise<"bound">((resolve) => {
    timer = setTimeout(() => resolve("bound"), graceMs);
    timer.unref?.();
  });
  const outcome = await Promise.race([
    Promise.allSettled([...state.changes]).then(() => "drained" as const),
    bound,
  ]);
  clearTimeout(timer);
  if (outcome === "bound") {
    log.warn(
      { event: "shutdown", changes: state.changes.size, graceMs },
      "changes still running at the end of the grace period: exiting",
    );
    exit(1);
    return;
  }
  log.info({ event: "shutdown" }, "drained: no change in flight");
}

/**
 * Installs the drain on SIGTERM and SIGINT (once per process; Next.js's own handlers close the
 * HTTP server alongside). With nothing left to wait for after the drain, the process still exits
 * within the grace period even if a client holds a connection open.
 */
export function installShutdownHandlers(): void {
  const holder = globalThis as typeof globalThis & { __acrConsoleShutdownInstalled?: boolean };
  if (holder.__acrConsoleShutdownInstalled) return;
  holder.__acrConsoleShutdownInstalled = true;
  const onSignal = (signal: NodeJS.Signals) => {
    logger().info({ event: "shutdown", signal }, "signal received");
    let graceMs = 20_000;
    try {
      graceMs = getSettings().shutdownGraceMs;
    } catch {
      // A bad setting was reported at start; shut down with the default bound.
    }
    // The hard bound: whatever still holds the process (a connection, a timer) ends here.
    setTimeout(() => process.exit(0), graceMs + 1_000).unref();
    void beginShutdown({ graceMs });
  };
  process.once("SIGTERM", onSignal);
  process.once("SIGINT", onSignal);
}
