import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./free-port";

/** Debian's Prometheus (`apt-get install prometheus`; `.ci/run` installs it when missing). */
export const PROMETHEUS_BIN = process.env.PROMETHEUS_BIN ?? "prometheus";

export interface RunningPrometheus {
  url: string;
  stop(): Promise<void>;
}

/**
 * A real Prometheus on a free loopback port, with a temporary configuration scraping `targets`
 * (`host:port` of /metrics) every second and a temporary storage directory, both removed on stop.
 * Never a system service.
 */
export async function startPrometheus(
  targets: string[],
  extra: { job: string; targets: string[]; bearer?: string }[] = [],
  options: { storage?: string } = {},
): Promise<RunningPrometheus> {
  const dir = mkdtempSync(join(tmpdir(), "acr-prometheus-"));
  const port = await freePort();
  const jobs = [{ job: "probe-agents", targets }, ...extra]
    .filter((j) => j.targets.length > 0)
    .map(
      (j) =>
        `  - job_name: ${j.job}\n    static_configs:\n      - targets: [${j.targets.map((t) => `"${t}"`).join(", ")}]\n` +
        (j.bearer ? `    authorization:\n      credentials: "${j.bearer}"\n` : ""),
    )
    .join("");
  writeFileSync(
    join(dir, "prometheus.yml"),
    `global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n${jobs ? `scrape_configs:\n${jobs}` : ""}`,
  );
  const child: ChildProcess = spawn(
    PROMETHEUS_BIN,
    [
      `--config.file=${join(dir, "prometheus.yml")}`,
      `--storage.tsdb.path=${options.storage ?? join(dir, "data")}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout?.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr?.on("data", (c: Buffer) => (output += c.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`prometheus exited (${child.exitCode}):\n${output}`);
    try {
      const res = await fetch(`${url}/-/ready`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`prometheus not ready in 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
