import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openSignedIn, type SignedInSession } from "./session";

/**
 * At 390 px (a phone): the page never scrolls sideways, tables scroll inside their own region,
 * and no element spills out of the element that holds it (a table cell, or the page).
 */

const consoleUrl = inject("consoleUrl");
const REGISTRY =
  "/subscriptions/6b1f3e2a-4c5d-4e8f-9a0b-1c2d3e4f5a60/resourceGroups/rg-registry-prod/registries/contosoprod";

let session: SignedInSession;
let page: Page;

beforeAll(async () => {
  session = await openSignedIn({ viewport: { width: 390, height: 844 } });
  page = session.page;
});
afterAll(async () => {
  await session?.close();
});

/**
 * Every visible element that overflows what holds it: for an element inside a table cell, the
 * cell; inside a region that scrolls sideways, nothing (that is what the region is for); else the
 * viewport. Also whether the page itself scrolls sideways.
 */
function overflows(p: Page) {
  return p.evaluate(() => {
    const problems: string[] = [];
    const root = document.scrollingElement!;
    if (root.scrollWidth > root.clientWidth + 1) {
      problems.push(`page scrolls sideways: ${root.scrollWidth} > ${root.clientWidth}`);
    }
    const describe = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.getAttribute("aria-label") ? `[${el.getAttribute("aria-label")}]` : ""} "${(el.textContent ?? "").trim().slice(0, 40)}"`;
    for (const el of document.body.querySelectorAll("body *")) {
      const r = el.getBoundingClientRect();
      if (r.width <= 1 || r.height <= 1) continue; // hidden, or visually hidden on purpose
      const style = getComputedStyle(el);
      if (style.visibility === "hidden" || style.position === "fixed") continue;
      let holder: Element | null = el.parentElement;
      let kind: "cell" | "scroll" | "page" = "page";
      while (holder && holder !== document.body) {
        if (holder.tagName === "TD" || holder.tagName === "TH") {
          kind = "cell";
          break;
        }
        const ox = getComputedStyle(holder).overflowX;
        if (ox === "auto" || ox === "scroll" || ox === "hidden" || ox === "clip") {
          kind = "scroll";
          break;
        }
        holder = holder.parentElement;
      }
      if (kind === "scroll") continue;
      const box =
        kind === "cell" ? holder!.getBoundingClientRect() : { left: 0, right: window.innerWidth };
      if (r.left < box.left - 1 || r.right > box.right + 1) {
        problems.push(
          `${describe(el)} overflows its ${kind} by ${Math.round(Math.max(box.left - r.left, r.right - box.right))} px`,
        );
      }
    }
    return problems;
  });
}

/**
 * Overflows seen at any moment while the page goes through its states (rows waiting for a first
 * sample, measuring, then figures), from now until `settled` has passed and `ms` more.
 */
async function overflowsOverTime(p: Page, settled: () => Promise<unknown>, ms = 3000) {
  const seen = new Set<string>();
  let done = false;
  let deadline = Infinity;
  const wait = settled().then(() => {
    done = true;
    deadline = Date.now() + ms;
  });
  while (!done || Date.now() < deadline) {
    for (const problem of await overflows(p)) seen.add(problem);
    await p.waitForTimeout(200);
  }
  await wait;
  return [...seen];
}

describe("390 px wide", () => {
  it("inventory: readable, and the 'Not available (Standard)' badge stays in its cell", async () => {
    await page.goto(`${consoleUrl}/`);
    const table = page.getByRole("table", { name: "Registries" });
    await table.locator("tbody tr").first().waitFor();
    expect(await overflows(page)).toEqual([]);
    const badges = table.getByText("Not available (Standard)");
    expect(await badges.count()).toBeGreaterThan(0);
    // At the table's own narrowest and at a roomy width: inside its cell, not over the next one.
    for (const width of [390, 1400]) {
      await page.setViewportSize({ width, height: 844 });
      for (const badge of await badges.all()) {
        const inside = await badge.evaluate((el) => {
          const cell = el.closest("td")!.getBoundingClientRect();
          const b = el.getBoundingClientRect();
          return b.left >= cell.left - 0.5 && b.right <= cell.right + 0.5;
        });
        expect(inside).toBe(true);
      }
    }
    await page.setViewportSize({ width: 390, height: 844 });
  });

  it("registry page: nothing overflows; the wide tables scroll inside their region", async () => {
    await page.goto(`${consoleUrl}${REGISTRY}`);
    // From the first rows (no sample yet) through measuring to figures.
    await page.locator("tr[data-host]").first().waitFor();
    const seen = await overflowsOverTime(page, async () => {
      await page.locator('tr[data-host][data-verdict="ok"]').first().waitFor({ timeout: 60_000 });
      await page.getByRole("table", { name: "Replicas" }).getByRole("switch").first().waitFor();
    });
    expect(seen).toEqual([]);
    for (const name of ["Probes", "Replicas", "Endpoints"]) {
      const scrolls = await page.getByRole("table", { name }).evaluate((table) => {
        const region = table.parentElement!;
        return {
          scrolls: region.scrollWidth > region.clientWidth,
          fits: region.getBoundingClientRect().right <= window.innerWidth + 1,
        };
      });
      expect(scrolls.fits).toBe(true);
      if (name !== "Endpoints") expect(scrolls.scrolls).toBe(true);
    }
  });

  it("fleet health: nothing overflows; its tables scroll inside their regions", async () => {
    await page.goto(`${consoleUrl}/fleet`);
    await page.getByRole("table", { name: "Replica health" }).locator("tbody tr").first().waitFor();
    await page.getByRole("table", { name: "Needs attention" }).waitFor();
    expect(await overflows(page)).toEqual([]);
  });

  it("pinned-replica page: nothing overflows", async () => {
    await page.goto(`${consoleUrl}${REGISTRY}/probes/westeurope`);
    await page.locator('tr[data-region="westeurope"]').first().waitFor();
    const seen = await overflowsOverTime(page, async () => {
      await page.locator('tr[data-region="westeurope"][data-verdict="ok"]').first().waitFor({
        timeout: 60_000,
      });
      await page.getByRole("table", { name: "Samples" }).locator("tbody tr").first().waitFor();
    });
    expect(seen).toEqual([]);
  });
});
