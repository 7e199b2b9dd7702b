import "server-only";
import { ConfigError, getServerConfig, getSettings } from "../env";
import { logger } from "../log/logger";
import { installShutdownHandlers } from "./shutdown";

/**
 * What the server does as it starts (Next.js's instrumentation hook): a production server with no
 * usable configuration refuses to start, saying why, instead of serving an error page (or, as it
 * once did, an emulator it happened to find); then the drain on SIGTERM is installed.
 * The options are for tests.
 */
export function startConsole({
  exit = (code: number) => process.exit(code),
  install = installShutdownHandlers,
}: { exit?: (code: number) => void; install?: () => void } = {}): void {
  let production = false;
  try {
    production = getSettings().production;
    const config = getServerConfig();
    logger().info({ event: "startup", mode: config.mode }, "console configured");
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    logger().fatal({ event: "startup", error: error.message }, "console not configured");
    if (production) {
      exit(1);
      return;
    }
  }
  install();
}
