import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { pinnedProbesPageUrl } from "@/lib/arm-id";
import { startAgentProcess, type RunningAgent } from "../support/agent-process";
import { launchBrowser, newContext, signIn } from "../support/browser";
import { freePort } from "../support/free-port";

/*
 * The registry page with two probe agents at two emulator vantages (westeurope, southeastasia):
 * a console of its own (`next start` on the run's build) with PROBE_AGENTS naming them, driven in
 * Chromium. Each vantage finds another region fastest; the history chart draws from the
 * console's embedded store.
 */

const emulator = inject("emulator");
const emulatorDir = inject("emulatorDir");
const nextBin = join(process.cwd(), "node_modules", "next", "dist", "bin", "next");
const PREMIUM = "contosoprod";

let agents: RunningAgent[] = [];
let next: ChildProcess | undefined;
let consoleUrl: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  const file = join(emulatorDir, "endpoints.json");
  agents = await Promise.all(
    ["westeurope", "southeastasia"].map((vantage) =>
      startAgentProcess(emulator, file, { vantage, intervalMs: 1_000, env: { LOG_LEVEL: "warn" } }),
    ),
  );
  const port = await freePort();
  consoleUrl = `http://localhost:${port}`;
  let output = "";
  next = spawn(process.execPath, [nextBin, "start", "-p", String(port), "-H", "localhost"], {
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: "1",
      CONSOLE_MODE: "emulator",
      EMULATOR_ENDPOINTS_FILE: file,
      NODE_EXTRA_CA_CERTS: emulator.caFile,
      PORT: String(port),
      PROBE_AGENTS: JSON.stringify(
        agents.map((a) => ({ name: a.vantage, url: a.url, token: a.token })),
      ),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  next.stdout?.on("data", (c: Buffer) => (output += c.toString()));
  next.stderr?.on("data", (c: Buffer) => (output += c.toString()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (next.exitCode !== null) throw new Error(`next start exited:\n${output}`);
    try {
      if ((await fetch(`${consoleUrl}/signed-out`)).ok) break;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`the console did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  browser = await launchBrowser();
  context = await newContext(browser);
  page = await context.newPage();
  await signIn(page, emulator, "operator", `${consoleUrl}/`);
  await page.getByRole("link", { name: PREMIUM, exact: true }).click();
}, 180_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  if (next && next.exitCode === null) {
    const exited = new Promise((r) => next!.once("exit", r));
    next.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
    if (next.exitCode === null) next.kill("SIGKILL");
  }
  await Promise.all(agents.map((a) => a.stop()));
});

const fastestOf = (vantage: string) =>
  page.locator(
    `[data-testid="latency-by-vantage"] tr[data-vantage="${vantage}"] td[data-column="fastest"]`,
  );
const nextBestOf = (vantage: string) =>
  page.locator(
    `[data-testid="latency-by-vantage"] tr[data-vantage="${vantage}"] td[data-column="next-best"]`,
  );

describe("latency by vantage and history on the registry page", () => {
  it("shows the console and both agents, each with its own fastest region and next best", async () => {
    const table = page.getByRole("table", { name: /Median warm time to first byte/ });
    await table.waitFor({ timeout: 30_000 });
    await expect
      .poll(async () => (await fastestOf("westeurope").textContent()) ?? "", { timeout: 45_000 })
      .toMatch(/^westeurope \(\d+ ms\)$/);
    await expect
      .poll(async () => (await fastestOf("southeastasia").textContent()) ?? "", { timeout: 45_000 })
      .toMatch(/^southeastasia \(\d+ ms\)$/);
    await expect
      .poll(async () => (await nextBestOf("westeurope").textContent()) ?? "", { timeout: 30_000 })
      .toMatch(/^uksouth \(\d+ ms\)$/);
    const rows = await table
      .locator("tbody tr")
      .evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-vantage")));
    expect(rows).toEqual(["console", "westeurope", "southeastasia"]);
    // The star marks one cell per vantage that has measured its replicas.
    const westRow = table.locator('tr[data-vantage="westeurope"]');
    await expect.poll(() => westRow.getByText("★ fastest").count()).toBe(1);
  });

  it("draws the history of every vantage from the embedded store, and says so", async () => {
    const history = page.getByRole("region", { name: "History" });
    // The first reading may predate the agents' first minute: a range change reads again.
    await history.getByLabel("History range").selectOption("24h");
    await history.getByLabel("History range").selectOption("1h");
    await expect
      .poll(async () => page.locator('[data-testid="history-chart"] canvas').count(), {
        timeout: 90_000,
        interval: 5_000,
      })
      .toBeGreaterThan(0);
    expect(await page.getByTestId("history-source").textContent()).toContain("embedded history");
    const legend = await page
      .locator('[data-testid="history-chart"] .u-legend .u-series')
      .allTextContents();
    const text = legend.join(" ");
    expect(text).toContain("westeurope · westeurope (regional)");
    expect(text).toContain("southeastasia · southeastasia (regional)");
    const table = page.getByRole("table", { name: /Over the last 1 hour/ });
    expect(await table.locator("tbody tr").count()).toBeGreaterThan(10);
  });
  it("orders the pinning kit's mirrors as the chosen agent measures them", async () => {
    const pinned = pinnedProbesPageUrl(
      {
        subscriptionId: "6b1f3e2a-4c5d-4e8f-9a0b-1c2d3e4f5a60",
        resourceGroup: "rg-registry-prod",
        name: PREMIUM,
      },
      "westeurope",
    );
    await page.goto(`${consoleUrl}${pinned}?repository=web%2Fcheckout&tag=3.1.0`);
    const from = page.getByLabel("Mirror order measured from");
    await from.waitFor({ timeout: 30_000 });
    const mirrors = page.getByText(/^Mirrors in order:/);
    for (const vantage of ["southeastasia", "westeurope"]) {
      await from.selectOption({ label: `probe agent ${vantage}` });
      // The vantage's own region is its fastest replica, so it is the first mirror.
      await expect
        .poll(async () => (await mirrors.textContent()) ?? "", { timeout: 30_000 })
        .toMatch(new RegExp(`^Mirrors in order: ${vantage} \\(\\d`));
      // hosts.toml says where its order was measured.
      await page
        .getByText(`fastest first as measured from probe agent ${vantage}`, { exact: false })
        .first()
        .waitFor();
    }
  });
});
