import { logger } from "@/lib/log/logger";
import { lifecycleState } from "@/lib/lifecycle/state";
import { armClientsWith } from "@/lib/azure/client";
import { CLOUDS } from "@/lib/cloud";
import { ProbeHub, parseConnectTo } from "@/lib/probe/server";
import { ProbeMetrics, registryNameOf } from "@/lib/probe/server/metrics";
import { AgentConfigError, loadAgentConfig, type AgentConfig } from "./config";
import { readEmulatorTarget } from "./emulator";
import { agentCredential } from "./identity";
import { RegistrySet } from "./registries";
import { createAgentServer } from "./server";

/**
 * A running probe agent: the console's prober (ProbeHub) over the registries its identity reads,
 * its metrics and its HTTP server. `start` resolves once it listens; `stop` ends streams, stops
 * the loops and closes the server.
 */
export interface RunningAgent {
  config: AgentConfig;
  /** `http://host:port` it listens on. */
  url: string;
  registries: RegistrySet;
  stop(): Promise<void>;
}

export async function startAgent(config: AgentConfig): Promise<RunningAgent> {
  const emulator = config.emulatorEndpointsFile
    ? readEmulatorTarget(config.emulatorEndpointsFile, config.vantage)
    : undefined;
  const credential = agentCredential(emulator);
  const armConfig = {
    armEndpoint: config.armEndpoint ?? emulator?.armEndpoint ?? CLOUDS[config.cloud].armEndpoint,
    armScopes: [`${CLOUDS[config.cloud].armResource}/.default`],
    ...(emulator ? { caPem: emulator.caPem } : {}),
  };
  const arm = armClientsWith(credential, armConfig, 30_000);
  const hub = new ProbeHub({
    intervalMs: config.intervalMs,
    timeoutMs: config.timeoutMs,
    ...(emulator
      ? { connectTo: parseConnectTo(emulator.dataPlaneAddress), ca: emulator.caPem }
      : {}),
  });
  const metrics = new ProbeMetrics({ vantage: config.vantage });
  metrics.watchEngine(hub);
  const registries = new RegistrySet({
    hub,
    arm: () => arm,
    registries: config.registries,
    intervalMs: config.intervalMs,
    onHostsGone: (hosts) => hosts.forEach((h) => metrics.forget(h)),
  });
  const stopObserving = hub.observe((sample, group) => {
    // A host dropped from the registries may finish one last round: not a series any more.
    if (registries.get(group)?.targets.some((t) => t.host === sample.host)) {
      metrics.record(sample, registryNameOf(group));
    }
  });
  await registries.refresh();
  const refresher = setInterval(() => void registries.refresh(), config.refreshMs);
  const server = createAgentServer({
    config,
    hub,
    metrics,
    registries,
    mode: emulator ? "emulator" : "azure",
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.listen.port, config.listen.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.listen.port;
  const host = config.listen.host.includes(":") ? `[${config.listen.host}]` : config.listen.host;
  return {
    config,
    url: `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${port}`,
    registries,
    async stop() {
      const state = lifecycleState();
      state.draining = true;
      for (const end of [...state.streams])
        end("server-shutdown", "The probe agent is stopping; reconnect later.");
      clearInterval(refresher);
      stopObserving();
      registries.close();
      hub.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function main() {
  const log = logger();
  let config: AgentConfig;
  try {
    config = loadAgentConfig();
  } catch (error) {
    if (error instanceof AgentConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const agent = await startAgent(config);
  log.info(
    {
      event: "agent-ready",
      vantage: config.vantage,
      url: agent.url,
      registries: agent.registries.list().length,
    },
    "probe agent ready",
  );
  // One plain line whatever LOG_LEVEL says: what scripts and tests wait for.
  process.stdout.write(`probe agent ${config.vantage} ready ${agent.url}\n`);
  const stop = (signal: string) => {
    log.info({ event: "agent-stopping", signal }, "probe agent stopping");
    setTimeout(() => process.exit(0), 5_000).unref();
    void agent.stop().then(() => process.exit(0));
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

if (process.argv[1] && /agent[\\/]main\.ts$/.test(process.argv[1])) {
  main().catch((error: unknown) => {
    console.error("probe agent failed to start:", error instanceof Error ? error.stack : error);
    process.exit(1);
  });
}
