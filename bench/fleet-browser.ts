/**
 * The browser part of bench:fleet: the console's production build against the large emulated
 * fleet, driven in Chromium through the real sign-in.
 */
import { launchBrowser, newContext, signIn } from "@/tests/support/browser";
import type { RunningEmulator } from "@/tests/support/emulator-process";
import { startConsole } from "./console-server";

/** Resource Graph's quota window in the emulator (its default): loads are spaced by it. */
const QUOTA_WINDOW_MS = 5_200;
const SWEEP_CONCURRENCY = Number(process.env.BENCH_SWEEP_CONCURRENCY ?? 64);
const round = (n: number) => Math.round(n);
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function browserFigures(emulator: RunningEmulator) {
  const server = await startConsole(emulator, {
    FLEET_SWEEP_CONCURRENCY: String(SWEEP_CONCURRENCY),
  });
  const browser = await launchBrowser();
  try {
    const context = await newContext(browser);
    const page = await context.newPage();
    // Signed in on the fleet page; then a fresh load of it (no cached data) is measured, once
    // Resource Graph's quota window has passed.
    await signIn(page, emulator.endpoints, "teamlead", `${server.url}/fleet`);
    await page
      .getByRole("table", { name: "Replica health" })
      .locator("tbody tr[data-registry]")
      .first()
      .waitFor({ timeout: 120_000 });
    await sleep(QUOTA_WINDOW_MS);
    let apiStart = 0;
    let apiEnd = 0;
    page.on("request", (r) => {
      if (new URL(r.url()).pathname === "/api/fleet") apiStart = performance.now();
    });
    page.on("requestfinished", (r) => {
      if (new URL(r.url()).pathname === "/api/fleet") apiEnd = performance.now();
    });
    const started = performance.now();
    await page.goto(`${server.url}/fleet`);
    const grid = page.getByRole("table", { name: "Replica health" });
    await grid.locator("tbody tr[data-registry]").first().waitFor({ timeout: 120_000 });
    const firstRowsMs = performance.now() - started;
    await page.getByText(/^Showing 1000 of 1000 registries/).waitFor({ timeout: 120_000 });
    const fullTableMs = performance.now() - started;
    const drawnRows = await grid.locator("tbody tr[data-registry]").count();
    // Scrolling to the end of the virtualized grid: the last registry's row is drawn.
    const scrollStarted = performance.now();
    await page.evaluate(() => {
      const table = document.querySelector('[aria-label="Replica health"]');
      const scroller = table?.parentElement;
      if (scroller) scroller.scrollTop = scroller.scrollHeight;
    });
    await page.waitForFunction(() => {
      const rows = document.querySelectorAll(
        '[aria-label="Replica health"] tbody tr[aria-rowindex]',
      );
      return rows[rows.length - 1]?.getAttribute("aria-rowindex") === "1001";
    });
    const scrollToEndMs = performance.now() - scrollStarted;
    const cdp = await context.newCDPSession(page);
    await cdp.send("HeapProfiler.collectGarbage");
    const heap = (await cdp.send("Runtime.getHeapUsage")) as {
      usedSize: number;
      totalSize: number;
    };
    await context.close();
    return {
      apiRequestAtMs: round(apiStart - started),
      apiAnsweredAtMs: round(apiEnd - started),
      firstRowsMs: round(firstRowsMs),
      fullTableMs: round(fullTableMs),
      drawnRows,
      scrollToEndMs: round(scrollToEndMs),
      heapUsedMB: mb(heap.usedSize),
    };
  } finally {
    await browser.close();
    server.stop();
  }
}
