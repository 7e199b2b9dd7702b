import { spawn, type ChildProcess } from "node:child_process";
import { agentEnv, newStreamToken } from "../../scripts/demo-agents";
import type { EmulatorEndpoints } from "./emulator-process";

export interface RunningAgent {
  vantage: string;
  /** `http://127.0.0.1:<port>` */
  url: string;
  token: string;
  /** The agent process's id (for benchmarks reading its CPU and memory). */
  pid: number;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts `npm run agent` (the real process) at an emulator vantage on a free port, signed in as
 * the emulator's automation client through DefaultAzureCredential, and waits for its ready line.
 */
export async function startAgentProcess(
  endpoints: EmulatorEndpoints,
  endpointsFile: string,
  options: {
    vantage: string;
    registries?: string[];
    intervalMs?: number;
    env?: Record<string, string>;
  },
): Promise<RunningAgent> {
  const token = newStreamToken();
  const child: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", "--conditions=react-server", "agent/main.ts"],
    {
      cwd: process.cwd(),
      env: {
        ...process.env,
        ...agentEnv(endpoints, endpointsFile, {
          vantage: options.vantage,
          listen: "127.0.0.1:0",
          token,
          intervalMs: options.intervalMs ?? 1_000,
        }),
        ...(options.registries ? { AGENT_REGISTRIES: options.registries.join(",") } : {}),
        ...options.env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`agent not ready in 60 s:\n${output}`)),
      60_000,
    );
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /ready (http:\/\/[^\s"]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`agent exited with ${code}:\n${output}`));
    });
  }).catch((error: unknown) => {
    if (child.exitCode === null) child.kill("SIGKILL");
    throw error;
  });
  child.removeAllListeners("exit");
  return {
    vantage: options.vantage,
    url,
    token,
    pid: child.pid ?? 0,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    },
  };
}
