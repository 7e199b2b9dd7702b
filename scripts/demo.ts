/**
 * `npm run demo`: the console on the emulated Azure. Starts the emulator (state in .emulator/),
 * builds the console if needed, starts its production server and prints where to sign in.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { agentEnv, DEMO_AGENTS, newStreamToken } from "./demo-agents";
import { demoServer } from "./demo-server";
import { buildConsole, needsBuild, startProductionServer } from "./production-server";

const root = process.cwd();
const stateDir = join(root, ".emulator");
const server = demoServer(process.env, join(stateDir, "endpoints.json"), join(stateDir, "ca.pem"));
const children: ChildProcess[] = [];

function stopAll(code = 0): never {
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  process.exit(code);
}
process.on("SIGINT", () => stopAll(0));
process.on("SIGTERM", () => stopAll(0));

function startEmulator(): Promise<void> {
  const child = spawn(process.execPath, ["--import", "tsx", "emulator/main.ts"], {
    env: { ...process.env, EMULATOR_DIR: stateDir },
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (/emulator ready /.test(out)) resolve();
    });
    child.on("exit", (code) => reject(new Error(`the emulator exited (${code}):\n${out}`)));
  });
}

/** Starts one probe agent (`npm run agent`) at an emulator vantage; resolves when it listens. */
function startAgent(env: Record<string, string>): Promise<void> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--conditions=react-server", "agent/main.ts"],
    {
      env: { ...process.env, LOG_LEVEL: "warn", ...env },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(resolve, 15_000);
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (/probe agent .* ready/.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on("exit", (code) => reject(new Error(`a probe agent exited (${code}):\n${out}`)));
  });
}

async function main() {
  console.log("Starting the emulated Azure...");
  await startEmulator();
  const endpoints = JSON.parse(readFileSync(join(stateDir, "endpoints.json"), "utf8")) as {
    authority: string;
    tenantId: string;
    automationClient: { clientId: string; clientSecret: string };
    armEndpoint: string;
    users: { username: string; password: string; persona: string; role: string }[];
  };
  // Two probe agents at the emulator's vantages, read by the console with their tokens.
  const endpointsFile = join(stateDir, "endpoints.json");
  const agents = DEMO_AGENTS.map((a) => ({
    ...a,
    token: newStreamToken(),
    url: `http://127.0.0.1:${a.port}`,
  }));
  console.log(`Starting probe agents at ${agents.map((a) => a.vantage).join(" and ")}...`);
  await Promise.all(
    agents.map((a) =>
      startAgent(
        agentEnv(endpoints, endpointsFile, {
          vantage: a.vantage,
          listen: `127.0.0.1:${a.port}`,
          token: a.token,
        }),
      ),
    ),
  );
  const env = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    ...server.env,
    PROBE_AGENTS: JSON.stringify(
      agents.map((a) => ({ name: a.vantage, url: a.url, token: a.token })),
    ),
  };
  if (needsBuild(root)) {
    console.log("Building the console (production build, about two minutes)...");
    buildConsole(root, env);
  }
  const next = startProductionServer({
    root,
    env,
    port: server.port,
    hostname: server.hostname,
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(next);
  next.on("exit", (code) => stopAll(code ?? 0));
  await new Promise<void>((resolve) => {
    next.stdout?.on("data", (chunk: Buffer) => {
      if (/Ready|started server/i.test(chunk.toString())) resolve();
    });
  });
  const users = endpoints.users
    .map((u) => `    ${u.username.padEnd(28)} ${u.password.padEnd(16)} ${u.persona} (${u.role})`)
    .join("\n");
  console.log(`
ACR Geo Console on the emulated Azure

  Console:   ${server.url}
  Emulator:  ${endpoints.armEndpoint}
  Probe agents (vantages, /metrics): ${agents.map((a) => `${a.vantage} ${a.url}/metrics`).join(", ")}

  One time only: the emulated sign-in runs on HTTPS with a local certificate authority.
  Open ${endpoints.armEndpoint}/ in your browser and accept the certificate warning,
  or trust ${join(stateDir, "ca.pem")} in your browser. Then open the console.

  Demo users (user name, password, who):
${users}

  Ctrl+C stops them all.`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  stopAll(1);
});
