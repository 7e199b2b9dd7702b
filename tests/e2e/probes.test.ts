import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { control } from "../support/emulator-client";
import { openSignedIn, type SignedInSession } from "./session";
import { armRegistries, armRegistry } from "./arm";
import { probeTableRows } from "./pages";

const emulator = inject("emulator");

/** Premium, regional endpoints on, seven replicas; eastus has the lowest injected RTT (2 ms). */
const PREMIUM = "contosoprod";
const ERROR_VERDICTS = ["error", "tls", "dns", "refused", "timeout"];

let session: SignedInSession;
let page: Page;
let token: () => string;
let expectedHosts: string[];

const row = (host: string, verdicts: string[]) =>
  page
    .locator(verdicts.map((v) => `tr[data-host="${host}"][data-verdict="${v}"]`).join(", "))
    .first();

/** The probes' status line (role `status`) when it reads `text`. */
const status = (text: RegExp) => page.getByRole("status").filter({ hasText: text }).first();

beforeAll(async () => {
  session = await openSignedIn();
  page = session.page;
  token = session.token;
  await page.getByRole("link", { name: PREMIUM, exact: true }).click();
  const arm = (await armRegistries(emulator, token())).find((r) => r.name === PREMIUM);
  const registry = await armRegistry(emulator, token(), arm!.id);
  expectedHosts = [
    registry.properties.loginServer,
    ...(registry.properties.regionalEndpointHostNames ?? []),
    ...(registry.properties.dataEndpointEnabled
      ? (registry.properties.dataEndpointHostNames ?? [])
      : []),
  ];
});

afterAll(async () => {
  await session?.close();
});

describe("probes panel on the registry page", () => {
  it("shows live samples for every endpoint ARM lists, with a chart", async () => {
    expect(expectedHosts.length).toBe(8);
    for (const host of expectedHosts) await row(host, ["ok"]).waitFor({ timeout: 20_000 });
    const rows = await probeTableRows(page);
    expect(rows.map((r) => r.host).sort()).toEqual([...expectedHosts].sort());
    for (const r of rows) expect(r.text).toMatch(/401 · [\d.]+ ms/);
    // uPlot draws on a canvas, with one legend entry per endpoint.
    await page.locator('[data-testid="ttfb-chart"] canvas').first().waitFor();
    const series = await page.locator('[data-testid="ttfb-chart"] .u-legend .u-series').count();
    expect(series).toBe(expectedHosts.length + 1); // + the time column
  });

  it("marks the fastest regional endpoint once measured (eastus, 2 ms RTT)", async () => {
    await page.getByLabel("Probe interval").selectOption("1000");
    // Until every region is measured, the fastest of those measured so far is marked.
    const fastest = async () =>
      (await probeTableRows(page)).filter((r) => r.fastest).map((r) => `${r.kind} ${r.region}`);
    await expect.poll(fastest, { timeout: 20_000 }).toEqual(["regional eastus"]);
  });

  it("turns a region taken down to an error state within a few seconds, and back", async () => {
    const west = expectedHosts.find((h) => h.includes(".westeurope."))!;
    const east = expectedHosts.find((h) => h.includes(".eastus."))!;
    await control(emulator, "regions/westeurope", { down: true });
    await row(west, ERROR_VERDICTS).waitFor({ timeout: 8_000 });
    const rows = await probeTableRows(page);
    expect(rows.find((r) => r.host === west)?.verdict).toBe("refused");
    expect(rows.find((r) => r.host === east)?.verdict).toBe("ok");

    await control(emulator, "regions/westeurope", { down: false });
    await row(west, ["ok"]).waitFor({ timeout: 8_000 });
  });

  it("closes its stream while paused or while the tab is hidden", async () => {
    const closed: string[] = [];
    page.on("requestfailed", (r) => {
      if (r.url().includes("/api/probes/stream")) closed.push(r.url());
    });
    await page.getByRole("button", { name: "Pause probes" }).click();
    await status(/^Paused\. This page receives no samples/).waitFor();
    await expect.poll(() => closed.length).toBe(1);
    await page.getByRole("button", { name: "Resume probes" }).click();
    await status(/^Live:/).waitFor();

    await page.evaluate(() => {
      Object.defineProperty(document, "visibilityState", { value: "hidden", configurable: true });
      document.dispatchEvent(new Event("visibilitychange"));
    });
    await status(/^Paused while the tab is hidden\.$/).waitFor();
    await expect.poll(() => closed.length).toBe(2);
    await page.evaluate(() => {
      Object.defineProperty(document, "visibilityState", { value: "visible", configurable: true });
      document.dispatchEvent(new Event("visibilitychange"));
    });
    await status(/^Live:/).waitFor();
  });
});

describe("pinned to one replica", () => {
  it("has a shareable URL showing only that region, every sample, and a Markdown export", async () => {
    await page.getByRole("link", { name: "Pin to westeurope" }).click();
    await page.waitForURL((u) => u.pathname.endsWith("/probes/westeurope"));
    const pinnedUrl = page.url();
    await page.locator("tr[data-verdict='ok'][data-region='westeurope']").first().waitFor();
    const rows = await probeTableRows(page);
    expect(rows.map((r) => r.region)).toEqual(["westeurope"]);

    const samples = page.getByRole("table", { name: "Samples" }).locator("tbody tr");
    await samples.nth(1).waitFor();
    const first = await samples.first().textContent();
    expect(first).toContain("westeurope.geo.azurecr.io");
    expect(first).toContain("127.0.0.1");

    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Export Markdown" }).click();
    const markdown = await readFile((await (await download).path())!, "utf8");
    expect(markdown).toContain(`## Endpoint probes: ${PREMIUM} in westeurope`);
    expect(markdown).toMatch(/Vantage point: console server `[^`]+` \(emulated data plane\)/);
    expect(markdown).toMatch(/Samples: \d+; verdicts: ok \d+/);

    // The same URL in a new tab of the same session shows the same view.
    const shared = await page.context().newPage();
    await shared.goto(pinnedUrl);
    await shared.locator("tr[data-region='westeurope']").first().waitFor({ timeout: 20_000 });
    expect((await probeTableRows(shared)).map((r) => r.region)).toEqual(["westeurope"]);
    await shared.close();
  });
});
