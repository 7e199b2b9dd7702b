import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { newContext, signIn } from "../support/browser";
import { control } from "../support/emulator-client";
import { openSignedIn, type SignedInSession } from "./session";
import { registryPage } from "./pages";

/**
 * Everyone can use it: an automated accessibility scan of the three pages, a keyboard-only pass,
 * what a screen reader hears of the probes, and names instead of GUIDs on a deep link.
 */

const emulator = inject("emulator");
const consoleUrl = inject("consoleUrl");
const WAIT = { timeout: 60_000, intervals: [250, 500, 1000] };

let session: SignedInSession;
let page: Page;
let ids: Map<string, string>;
const pageUrl = (name: string) => registryPage(consoleUrl, ids.get(name)!);

/** Serious and critical axe violations on the page as it stands, as readable lines. */
async function seriousViolations(p: Page) {
  const result = await new AxeBuilder({ page: p }).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** What has focus: its role-ish tag and accessible label, for keyboard assertions. */
function focused(p: Page) {
  return p.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return {
      tag: el?.tagName.toLowerCase() ?? "",
      role: el?.getAttribute("role") ?? "",
      label: el?.getAttribute("aria-label") ?? el?.textContent?.trim() ?? "",
      id: el?.id ?? "",
    };
  });
}

beforeAll(async () => {
  session = await openSignedIn();
  page = session.page;
  ids = await session.registryIds();
});

afterAll(async () => {
  await session?.close();
});

describe("axe-core scan: no serious or critical violations", () => {
  it("inventory", async () => {
    await page.goto(`${consoleUrl}/`);
    await page.getByRole("table", { name: "Registries" }).locator("tbody tr").first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("registry page, with live probes", async () => {
    await page.goto(pageUrl("contosoprod"));
    await page.locator('tr[data-host][data-verdict="ok"]').first().waitFor({ timeout: 60_000 });
    await page.getByRole("table", { name: "Replicas" }).getByRole("switch").first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("pinned-replica page", async () => {
    await page.goto(`${pageUrl("contosoprod")}/probes/westeurope`);
    await page.locator('tr[data-region="westeurope"][data-verdict="ok"]').first().waitFor({
      timeout: 60_000,
    });
    expect(await seriousViolations(page)).toEqual([]);
  });
});

describe("keyboard only", () => {
  it("skips to the main content, reaches a Replicas switch in a few Tabs, toggles it, and gets focus back from the dialog", async () => {
    await page.goto(pageUrl("fabrikamstaging"));
    const sw = page
      .getByRole("table", { name: "Replicas" })
      .getByRole("switch", { name: "Global endpoint routing for eastus", exact: true });
    await expect.poll(() => sw.isEnabled(), WAIT).toBe(true);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

    // The first Tab of the page is the skip link, shown on focus; Enter moves to the content.
    await page.keyboard.press("Tab");
    expect(await focused(page)).toMatchObject({ tag: "a", label: "Skip to main content" });
    expect(await page.getByRole("link", { name: "Skip to main content" }).isVisible()).toBe(true);
    await page.keyboard.press("Enter");
    expect((await focused(page)).id).toBe("main-content");

    // Then the page's own links lead to the Replicas section, past every copy button.
    const stops: string[] = [];
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press("Tab");
      const f = await focused(page);
      stops.push(`${f.tag}:${f.label}`);
      if (f.tag === "a" && f.label === "Replicas") break;
    }
    expect(stops.at(-1)).toBe("a:Replicas");
    expect(stops.filter((s) => s.startsWith("button:Copy"))).toEqual([]);
    await page.keyboard.press("Enter");
    const tabsToSwitch: string[] = [];
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press("Tab");
      const f = await focused(page);
      tabsToSwitch.push(`${f.role || f.tag}:${f.label}`);
      if (f.role === "switch") break;
    }
    expect(tabsToSwitch.at(-1)).toBe("switch:Global endpoint routing for westus2");
    expect(tabsToSwitch.filter((s) => s.includes("Copy"))).toEqual([]);
    // On to eastus's switch: the next row.
    for (
      let i = 0;
      i < 10 && (await focused(page)).label !== "Global endpoint routing for eastus";
      i++
    ) {
      await page.keyboard.press("Tab");
    }
    expect((await focused(page)).label).toBe("Global endpoint routing for eastus");

    // Space opens the dialog; Escape closes it and focus is back on the switch.
    await page.keyboard.press("Space");
    await page.getByRole("alertdialog").waitFor();
    await page.keyboard.press("Escape");
    await page.getByRole("alertdialog").waitFor({ state: "detached" });
    await expect
      .poll(async () => (await focused(page)).label, WAIT)
      .toBe("Global endpoint routing for eastus");

    // Again, and Cancel by keyboard.
    await page.keyboard.press("Space");
    const dialog = page.getByRole("alertdialog");
    await dialog.waitFor();
    await dialog.getByRole("button", { name: "Cancel" }).focus();
    await page.keyboard.press("Enter");
    await dialog.waitFor({ state: "detached" });
    await expect
      .poll(async () => (await focused(page)).label, WAIT)
      .toBe("Global endpoint routing for eastus");

    // And toggled for real, confirming twice by keyboard: focus stays on the switch throughout.
    await page.keyboard.press("Space");
    await dialog.getByRole("button", { name: "Turn global endpoint routing off" }).focus();
    await page.keyboard.press("Enter");
    await dialog.getByRole("button", { name: "Yes, leave only westus2" }).focus();
    await page.keyboard.press("Enter");
    await dialog.waitFor({ state: "detached" });
    await expect
      .poll(async () => `${await sw.isEnabled()} ${await sw.isChecked()}`, WAIT)
      .toBe("true false");
    expect((await focused(page)).label).toBe("Global endpoint routing for eastus");
  });

  it("the identical wildcard rows of the Endpoints table share one copy button", async () => {
    await page.goto(pageUrl("contosoprod"));
    const table = page.getByRole("table", { name: "Endpoints" });
    await table.locator("tbody tr").first().waitFor();
    const wildcardRows = await table.locator("tr", { hasText: "*.blob.core.windows.net" }).count();
    expect(wildcardRows).toBe(7);
    expect(await table.getByRole("button", { name: /^Copy \*\.blob/ }).count()).toBe(1);
  });
});

describe("screen reader", () => {
  it("announces a verdict change in a polite live region, at most one summary every few seconds", async () => {
    await page.goto(pageUrl("contosoprod"));
    await page.locator('tr[data-host][data-verdict="ok"]').first().waitFor({ timeout: 60_000 });
    const live = page.getByTestId("verdict-announcements");
    expect(await live.getAttribute("aria-live")).toBe("polite");
    // Record every change of the region's text with the page's own clock.
    await live.evaluate((el) => {
      const w = window as unknown as { said: { at: number; text: string }[] };
      w.said = [];
      new MutationObserver(() =>
        w.said.push({ at: performance.now(), text: el.textContent ?? "" }),
      ).observe(el, { childList: true, characterData: true, subtree: true });
    });
    await control(emulator, "regions/westeurope", { down: true });
    await expect
      .poll(async () => (await live.textContent()) ?? "", WAIT)
      .toMatch(/regional westeurope now (refused|down) \(was ok\)/);
    await control(emulator, "regions/westeurope", { down: false });
    await expect
      .poll(async () => (await live.textContent()) ?? "", WAIT)
      .toMatch(/regional westeurope now ok/);
    const said = await page.evaluate(() => (window as unknown as { said: { at: number }[] }).said);
    for (let i = 1; i < said.length; i++) {
      expect(said[i]!.at - said[i - 1]!.at).toBeGreaterThanOrEqual(4_900);
    }
  });

  it("the chart's legend reads each series' name and latest value", async () => {
    const legend = page.locator('[data-testid="ttfb-chart"] .u-legend');
    expect(await legend.getAttribute("aria-label")).toBe("Latest time to first byte per endpoint");
    await expect
      .poll(async () => {
        const series = await legend.locator(".u-series").allTextContents();
        return series
          .slice(1)
          .every((s) => /^(global \(routed\)|regional \w+)[\d.]+ ms$/.test(s.trim()))
          ? series.length
          : series.join(" | ");
      }, WAIT)
      .toBe(9);
  });
});

describe("a deep link shows names, not GUIDs", () => {
  it("shows the subscription's display name on the registry page", async () => {
    const fresh = await newContext(page.context().browser()!);
    const p = await fresh.newPage();
    await signIn(p, emulator, "operator", pageUrl("contosoweb"));
    const name = p.getByTestId("subscription-name");
    await name.waitFor({ timeout: 30_000 });
    expect(await name.textContent()).toBe("Contoso Production");
    const facts = (await p.getByRole("region", { name: "Registry" }).textContent()) ?? "";
    expect(facts).not.toContain("6b1f3e2a-4c5d-4e8f-9a0b-1c2d3e4f5a60");
    await fresh.close();
  });
});
