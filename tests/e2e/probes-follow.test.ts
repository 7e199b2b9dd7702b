import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { automationToken } from "../support/emulator-client";
import { openSignedIn, type SignedInSession } from "./session";
import { armPatchRegistry } from "./arm";
import { probeTableRows, probeableEndpointHosts, replicaCell, registryPage } from "./pages";

/**
 * The probes panel follows the registry's endpoints: after a switch settles, and after another
 * client changes them, its rows are the Endpoints table's probeable rows, without a reload.
 */

const emulator = inject("emulator");
const consoleUrl = inject("consoleUrl");

/** Premium, regional endpoints off, replicas westus2 (home) and eastus, no dedicated data hosts. */
const REGISTRY = "fabrikamstaging";
/** Event-driven waits, generous: this machine is shared and builds run beside the tests. */
const WAIT = { timeout: 60_000, intervals: [250, 500, 1000] };

let session: SignedInSession;
let page: Page;
let registryId: string;

const hostsOf = async (p: Page) => (await probeTableRows(p)).map((r) => r.host).sort();
const regionalSwitch = (p: Page) =>
  p.getByRole("switch", { name: "Regional endpoints", exact: true });

async function settled(checked: boolean) {
  const sw = regionalSwitch(page);
  await expect
    .poll(async () => `${await sw.isEnabled()} ${await sw.isChecked()}`, WAIT)
    .toBe(`true ${checked}`);
}

/** The probes table lists exactly the Endpoints table's probeable hosts, each with a sample. */
async function probesMatchEndpoints(expectedCount: number) {
  await expect
    .poll(async () => {
      const endpoints = await probeableEndpointHosts(page);
      const probes = await probeTableRows(page);
      const sampled = probes.every((r) => r.verdict !== "waiting");
      return endpoints.length === expectedCount &&
        JSON.stringify(endpoints) === JSON.stringify(probes.map((r) => r.host).sort()) &&
        sampled
        ? "in step"
        : JSON.stringify({ endpoints, probes: probes.map((r) => `${r.host} ${r.verdict}`) });
    }, WAIT)
    .toBe("in step");
}

beforeAll(async () => {
  session = await openSignedIn();
  page = session.page;
  registryId = (await session.registryIds()).get(REGISTRY)!;
  await page.goto(registryPage(consoleUrl, registryId));
});

afterAll(async () => {
  await session?.close();
});

describe("the probes panel follows the registry's endpoints", () => {
  it("with regional endpoints off, probes the global name only and says which replicas are not probed, and why", async () => {
    await settled(false);
    await probesMatchEndpoints(1);
    const notProbed = page.getByRole("table", { name: "Not probed" });
    await notProbed.waitFor();
    const text = (await notProbed.textContent()) ?? "";
    for (const region of ["westus2", "eastus"]) expect(text).toContain(region);
    expect(text).toContain("regional endpoints are off");
    expect(text).toContain("one of the 2 replicas in global endpoint routing");
    // The Replicas table says the same beside ARM's status, never the global row's ok.
    for (const region of ["westus2", "eastus"]) {
      const cell = (await replicaCell(page, region, "probe").textContent()) ?? "";
      expect(cell).toMatch(/^not probed/);
      expect(cell).not.toMatch(/\bok\b/);
    }
    await expect(page.getByTestId("global-note").textContent()).resolves.toContain(
      "its verdict speaks for that one only",
    );
  });

  it("turning regional endpoints on adds their rows, probed, without a reload", async () => {
    const navigations: string[] = [];
    page.on("framenavigated", (f) => {
      if (f === page.mainFrame()) navigations.push(f.url());
    });
    await regionalSwitch(page).click();
    await page
      .getByRole("alertdialog")
      .getByRole("button", { name: "Turn regional endpoints on" })
      .click();
    await settled(true);
    await probesMatchEndpoints(3);
    const hosts = await hostsOf(page);
    expect(hosts.filter((h) => h.includes(".geo."))).toHaveLength(2);
    await expect(page.getByRole("table", { name: "Not probed" }).count()).resolves.toBe(0);
    // Each replica's latest verdict beside ARM's status, with the time of each.
    for (const region of ["westus2", "eastus"]) {
      const cell = replicaCell(page, region, "probe");
      await expect.poll(async () => (await cell.textContent()) ?? "", WAIT).toMatch(/^ok/);
      expect(await cell.locator("time").count()).toBe(1);
      expect(await replicaCell(page, region, "status").locator("time").count()).toBe(1);
    }
    expect(navigations).toEqual([]);
  });

  it("turning them off removes their rows at once; the removed names are no longer probed", async () => {
    await regionalSwitch(page).click();
    await page
      .getByRole("alertdialog")
      .getByRole("button", { name: "Turn regional endpoints off" })
      .click();
    await settled(false);
    await probesMatchEndpoints(1);
    // Samples keep coming for the global name only.
    const chartSeries = page.locator('[data-testid="ttfb-chart"] .u-legend .u-series');
    await expect.poll(() => chartSeries.count(), WAIT).toBe(2); // time + global
  });

  it("follows a change made by someone else, without a reload", async () => {
    const token = await automationToken(emulator);
    await armPatchRegistry(emulator, token, registryId, { regionalEndpoints: "Enabled" });
    // The page reads the registry again within its refresh interval; the probes follow.
    await probesMatchEndpoints(3);
    await expect.poll(() => regionalSwitch(page).isChecked(), WAIT).toBe(true);
  });
});
