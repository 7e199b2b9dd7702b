import "server-only";
import { ConfigError } from "@/lib/env";
import { logger } from "@/lib/log/logger";
import { sharedVantages } from "./shared";

/** Starts the vantages with the server; a bad setting is logged (routes then answer it). */
export function startVantages(): void {
  try {
    const vantages = sharedVantages();
    logger().info(
      {
        event: "vantages",
        agents: vantages.feeds.map((f) => f.name),
        metrics: vantages.metricsServed,
      },
      "vantages started",
    );
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    logger().error({ event: "vantages", error: error.message }, "vantages not configured");
  }
}
