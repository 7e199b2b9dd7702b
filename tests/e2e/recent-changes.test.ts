import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, newContext, signIn } from "../support/browser";
import { control } from "../support/emulator-client";
import { armRegistries } from "./arm";
import { captureApiToken } from "./pages";

/**
 * The registry page's "Recent changes" section in Chromium: a switch change made on the page
 * appears there with the operator's name and outcome (read from the emulated Activity Log), and a
 * reader signed in elsewhere sees the same change.
 */

const emulator = inject("emulator");
const consoleUrl = inject("consoleUrl");
/** Premium, home westeurope; uksouth is excluded from global routing in the seed. */
const NAME = "contosoweb";

let browser: Browser;
let registryPath: string;

beforeAll(async () => {
  await control(emulator, "reset");
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** The rows of the Recent changes table, as a user reads them. */
async function changeRows(page: Page) {
  const table = page.getByRole("table", { name: "Recent changes" });
  await table.waitFor();
  return table.locator("tbody tr").evaluateAll((rows) =>
    rows.map((row) => {
      const cells = [...(row as HTMLTableRowElement).cells].map((c) => c.textContent?.trim() ?? "");
      return { when: cells[0], who: cells[1], what: cells[2], result: cells[3], ids: cells[4] };
    }),
  );
}

describe("Recent changes", () => {
  it("shows the operator's switch change with its outcome, right after it", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const token = captureApiToken(page);
    await signIn(page, emulator, "operator", `${consoleUrl}/`);
    const id = (await armRegistries(emulator, token())).find((r) => r.name === NAME)!.id;
    registryPath = id.replace("/providers/Microsoft.ContainerRegistry", "");
    await page.goto(`${consoleUrl}${registryPath}`);

    const section = page.getByRole("region", { name: "Recent changes" });
    await section.getByText("The Activity Log lists no change").waitFor();

    const sw = page
      .getByRole("table", { name: "Replicas" })
      .getByRole("switch", { name: "Global endpoint routing for uksouth", exact: true });
    await expect.poll(() => sw.isEnabled(), { timeout: 30_000 }).toBe(true);
    await sw.click();
    const dialog = page.getByRole("alertdialog");
    await dialog.getByRole("button", { name: "Turn global endpoint routing on" }).click();
    await expect.poll(() => sw.isChecked(), { timeout: 30_000 }).toBe(true);

    await expect.poll(async () => (await changeRows(page)).length, { timeout: 30_000 }).toBe(1);
    const [row] = await changeRows(page);
    expect(row).toMatchObject({
      who: "operator@contoso.example",
      result: "Succeeded",
    });
    expect(row!.what).toContain("Changed replica uksouth");
    expect(row!.what).toContain("Microsoft.ContainerRegistry/registries/replications/write");
    expect(row!.when).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC$/);
    expect(row!.ids).toMatch(/Correlation [0-9a-f-]{36}/);
    expect(row!.ids).toMatch(/Operation [0-9a-f-]{36}/);
    await context.close();
  });

  it("a reader sees the same change", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, emulator, "teamlead", `${consoleUrl}${registryPath}`);
    await expect
      .poll(async () => (await changeRows(page)).map((r) => `${r.who} ${r.result}`), {
        timeout: 30_000,
      })
      .toEqual(["operator@contoso.example Succeeded"]);
    await context.close();
  });
});
