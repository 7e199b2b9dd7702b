import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The discovery document the emulator writes to `<stateDir>/endpoints.json`. */
export interface EmulatorEndpoints {
  armEndpoint: string;
  authority: string;
  issuer: string;
  /** The `iss` of ARM access tokens: Entra's v1 issuer, `https://sts.windows.net/<tenant>/`. */
  accessTokenIssuer: string;
  tenantId: string;
  tokenEndpoint: string;
  caFile: string;
  controlUrl: string;
  dataPlaneAddress: string;
  /** Every address the data plane listens on (127.0.0.1:443 too with EMULATOR_DATA_443=1). */
  dataPlaneAddresses: string[];
  /** The other vantage points: their own data-plane address and RTT to each region. */
  vantages: { name: string; dataPlaneAddress: string; rttMs: Record<string, number> }[];
  spaClientId: string;
  users: {
    username: string;
    password: string;
    role: string;
    persona: string;
    displayName: string;
  }[];
  automationClient: { clientId: string; clientSecret: string };
}

export interface RunningEmulator {
  endpoints: EmulatorEndpoints;
  stateDir: string;
  /** The emulator's process id (benchmarks read its CPU). */
  pid: number | undefined;
  stop(): Promise<void>;
}

/**
 * Starts `npm run emulator` on free ports in a fresh state dir, waits for its ready line and
 * reads its discovery file. Generous limits so tests are not throttled unless they ask. An
 * `EMULATOR_DIR` in `env` reuses that dir (a restart); the caller then owns it and removes it.
 */
export async function startEmulator(env: Record<string, string> = {}): Promise<RunningEmulator> {
  const ownDir = env.EMULATOR_DIR === undefined;
  const stateDir = env.EMULATOR_DIR ?? mkdtempSync(join(tmpdir(), "acr-emulator-"));
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "emulator/main.ts"], {
    cwd: process.cwd(),
    env: {
      ...process.env,
      EMULATOR_DIR: stateDir,
      EMULATOR_PORT: "0",
      EMULATOR_DATA_PORT: "0",
      EMULATOR_READS_CAPACITY: "100000",
      EMULATOR_READS_REFILL: "100000",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`emulator not ready in 60 s:\n${output}`)),
      60_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/emulator ready /.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (c: Buffer) => (output += c.toString()));
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`emulator exited with ${code}:\n${output}`));
    });
  });
  let endpoints: EmulatorEndpoints;
  try {
    await ready;
    child.removeAllListeners("exit");
    endpoints = JSON.parse(
      readFileSync(join(stateDir, "endpoints.json"), "utf8"),
    ) as EmulatorEndpoints;
  } catch (err) {
    // Never leave an emulator behind that no test will stop.
    if (child.exitCode === null) child.kill("SIGKILL");
    if (ownDir) rmSync(stateDir, { recursive: true, force: true });
    throw err;
  }
  return {
    endpoints,
    stateDir,
    pid: child.pid,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
      if (ownDir) rmSync(stateDir, { recursive: true, force: true });
    },
  };
}
