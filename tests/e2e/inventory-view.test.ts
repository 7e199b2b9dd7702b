import type { Browser, BrowserContext, Page, Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, newContext, signIn } from "../support/browser";
import { control } from "../support/emulator-client";
import { armRegistries } from "./arm";
import { captureApiToken, inventoryNames } from "./pages";

/*
 * The inventory sorts and filters in the browser: neither asks the console's server (no API
 * call, no page or router request) nor ARM, and the view is in the URL, so a reload shows it again.
 */

const emulator = inject("emulator");
const consoleUrl = inject("consoleUrl");

let browser: Browser;
let context: BrowserContext;
let page: Page;
let token: () => string;

beforeAll(async () => {
  await control(emulator, "reset");
  browser = await launchBrowser();
  context = await newContext(browser);
  page = await context.newPage();
  token = captureApiToken(page);
  await signIn(page, emulator, "operator", `${consoleUrl}/`);
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
});

/**
 * Requests the page sends to the console's own origin (API calls, pages, router fetches), but the
 * favicon: Chromium checks it again after every change of the URL, page or not.
 */
function consoleRequests(p: Page): Request[] {
  const origin = new URL(consoleUrl).origin;
  const seen: Request[] = [];
  p.on("request", (r) => {
    const url = new URL(r.url());
    if (url.origin === origin && url.pathname !== "/icon.svg") seen.push(r);
  });
  return seen;
}

async function armRequests(): Promise<number> {
  return (await control<unknown[]>(emulator, "requests?plane=arm")).length;
}

const table = () => page.getByRole("table", { name: "Registries" });
const header = (name: string) => table().getByRole("columnheader", { name });

describe("inventory view", () => {
  it("sorts and filters without a request to the server or ARM, and keeps both across a reload", async () => {
    const all = await inventoryNames(page);
    const arm = await armRegistries(emulator, token());
    expect(all).toHaveLength(arm.length);
    const locations = new Map(arm.map((r) => [r.name, r.location]));
    await control(emulator, "requests/clear", {});
    const requests = consoleRequests(page);

    // Sort by location, descending (two clicks), then filter by text.
    await header("Location").click();
    await page.waitForURL((u) => u.searchParams.get("sort") === "location");
    await header("Location").click();
    await page.waitForURL((u) => u.searchParams.get("dir") === "desc");
    const sorted = await inventoryNames(page);
    const byLocation = sorted.map((n) => locations.get(n) ?? "");
    expect(byLocation).toEqual(
      [...byLocation].sort((a, b) => b.localeCompare(a, "en", { sensitivity: "base" })),
    );
    await expect(header("Location").getAttribute("aria-sort")).resolves.toBe("descending");

    const needle = "prod";
    await page.getByRole("searchbox", { name: "Filter registries" }).fill(needle);
    await page.waitForURL((u) => u.searchParams.get("q") === needle);
    const filtered = await inventoryNames(page);
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.length).toBeLessThan(all.length);
    expect(filtered).toEqual(sorted.filter((n) => filtered.includes(n)));

    // Nothing asked of the console's server, nor of ARM.
    await page.waitForTimeout(500);
    expect(requests.map((r) => `${r.method()} ${r.url()}`)).toEqual([]);
    await expect(armRequests()).resolves.toBe(0);

    // A reload (same URL) shows the same view: same rows, same order, same sort mark.
    const url = page.url();
    await page.reload();
    expect(page.url()).toBe(url);
    await expect.poll(() => inventoryNames(page), { timeout: 30_000 }).toEqual(filtered);
    await expect(header("Location").getAttribute("aria-sort")).resolves.toBe("descending");
    await expect(
      page.getByRole("searchbox", { name: "Filter registries" }).inputValue(),
    ).resolves.toBe(needle);
  });
});
