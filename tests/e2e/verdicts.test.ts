import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { control } from "../support/emulator-client";
import { openSignedIn, type SignedInSession } from "./session";
import { probeTableRows, replicaCell, registryPage } from "./pages";

/**
 * What the registry page says must be true: down is down, throttled is not fast, ARM's status and
 * the probes side by side, and the switch dialogs name the replicas in trouble a change affects.
 */

const emulator = inject("emulator");
const consoleUrl = inject("consoleUrl");
const WAIT = { timeout: 60_000, intervals: [250, 500, 1000] };

let session: SignedInSession;
let page: Page;
let ids: Map<string, string>;

const open = (name: string) => page.goto(registryPage(consoleUrl, ids.get(name)!));
const probeRow = (host: string) =>
  page.getByRole("table", { name: "Probes" }).locator(`tr[data-host="${host}"]`);

beforeAll(async () => {
  session = await openSignedIn();
  page = session.page;
  ids = await session.registryIds();
});

afterAll(async () => {
  await session?.close();
});

describe("verdicts", () => {
  it("an endpoint with 100 % loss over its window shows down with its failures' verdict, not measuring", async () => {
    // sharedbase has dedicated data endpoints; koreacentral's is down before anyone probes it.
    await control(emulator, "regions/koreacentral", { down: true });
    await open("sharedbase");
    const host = "sharedbase.koreacentral.data.azurecr.io";
    await expect.poll(async () => probeRow(host).getAttribute("data-status"), WAIT).toBe("down");
    const text = (await probeRow(host).textContent()) ?? "";
    expect(text).toContain("down");
    expect(text).toContain("refused");
    expect(text).not.toContain("measuring");
    expect(text).toContain("100 %");
    // Beside ARM's Ready, the replica's probe says down: both in one row, each with its time.
    const status = (await replicaCell(page, "koreacentral", "status").textContent()) ?? "";
    expect(status).toContain("Ready");
    const probe = replicaCell(page, "koreacentral", "probe");
    await expect.poll(async () => (await probe.textContent()) ?? "", WAIT).toMatch(/^down/);
    expect(await probe.locator("time").count()).toBe(1);
    // Back to healthy before the next test (the server's probe loops outlive this page).
    await control(emulator, "regions/koreacentral", { down: false });
    await expect.poll(async () => probeRow(host).getAttribute("data-verdict"), WAIT).toBe("ok");
  });

  it("a throttled endpoint sorts after the healthy ones by median and is never the fastest", async () => {
    // eastus has the lowest RTT (2 ms): throttled, its 429s answer fastest of all.
    await control(emulator, "regions/eastus", { status: 429 });
    await open("contosoprod");
    await page.getByLabel("Probe interval").selectOption("1000");
    const east = "contosoprod.eastus.geo.azurecr.io";
    await expect
      .poll(async () => probeRow(east).getAttribute("data-verdict"), WAIT)
      .toBe("throttled");
    // Once the others are measured, the fastest regional is a healthy one.
    await page.locator("tr[data-fastest]").waitFor({ timeout: 60_000 });
    const fastest = (await probeTableRows(page)).filter((r) => r.fastest);
    expect(fastest).toHaveLength(1);
    expect(fastest[0]!.verdict).toBe("ok");
    expect(fastest[0]!.region).not.toBe("eastus");

    await page.getByRole("columnheader", { name: "Median" }).click();
    const rows = await probeTableRows(page);
    const firstUnhealthy = rows.findIndex((r) => r.verdict !== "ok");
    const lastHealthy = rows.map((r) => r.verdict).lastIndexOf("ok");
    expect(rows.find((r) => r.host === east)?.verdict).toBe("throttled");
    expect(firstUnhealthy).toBeGreaterThan(lastHealthy);
    await control(emulator, "regions/eastus", { status: null });
    await expect.poll(async () => probeRow(east).getAttribute("data-verdict"), WAIT).toBe("ok");
  });
});

describe("safety context in the switch dialogs", () => {
  it("turning regional endpoints on names the replica ARM reports Syncing", async () => {
    await open("contosoml");
    const sw = page.getByRole("switch", { name: "Regional endpoints", exact: true });
    await expect.poll(() => sw.isEnabled(), WAIT).toBe(true);
    await sw.click();
    const dialog = page.getByRole("alertdialog");
    const safety = dialog.getByTestId("safety-context");
    await safety.waitFor();
    const text = (await safety.textContent()) ?? "";
    expect(text).toContain("centralindia: ARM reports it Syncing");
    expect(text).toContain("reach it directly");
    expect(text).not.toContain("japaneast");
    await dialog.getByRole("button", { name: "Turn regional endpoints on" }).click();
    await expect.poll(() => sw.isChecked(), WAIT).toBe(true);
    await expect.poll(() => sw.isEnabled(), WAIT).toBe(true);
  });

  it("routing away from the last healthy replica names the unhealthy ones left", async () => {
    // contosoml now probes each replica by its regional name; japaneast goes down.
    await control(emulator, "regions/japaneast", { down: true });
    const japan = "contosoml.japaneast.geo.azurecr.io";
    await expect
      .poll(async () => probeRow(japan).getAttribute("data-verdict"), WAIT)
      .toBe("refused");
    await expect
      .poll(async () => (await replicaCell(page, "japaneast", "probe").textContent()) ?? "", WAIT)
      .toMatch(/^(refused|down)/);
    await page
      .getByRole("table", { name: "Replicas" })
      .getByRole("switch", { name: "Global endpoint routing for eastus", exact: true })
      .click();
    const safety = page.getByRole("alertdialog").getByTestId("safety-context");
    await safety.waitFor();
    const text = (await safety.textContent()) ?? "";
    expect(text).toContain("No healthy replica is left in global endpoint routing");
    // Newly probed and never answered, its window is all loss: down.
    expect(text).toMatch(/japaneast: its latest probes fail \((refused|down)\)/);
    expect(text).toContain("centralindia: ARM reports it Syncing");
    await page.keyboard.press("Escape");
    await page.getByRole("alertdialog").waitFor({ state: "detached" });
    await control(emulator, "regions/japaneast", { down: false });
    await expect.poll(async () => probeRow(japan).getAttribute("data-verdict"), WAIT).toBe("ok");
  });
});
