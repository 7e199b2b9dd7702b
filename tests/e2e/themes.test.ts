import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, signIn } from "../support/browser";
import { control } from "../support/emulator-client";

/**
 * Dark mode follows the system and a persisted choice; forced colors (Windows high contrast) keep
 * the chart readable. The chart is a canvas, which neither theme nor forced colors restyle, so
 * these tests read the pixels of a real screenshot.
 */

const emulator = inject("emulator");
const consoleUrl = inject("consoleUrl");
const REGISTRY =
  "/subscriptions/6b1f3e2a-4c5d-4e8f-9a0b-1c2d3e4f5a60/resourceGroups/rg-registry-prod/registries/contosoprod";

let browser: Browser;

beforeAll(async () => {
  await control(emulator, "reset");
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

type Emulation = { colorScheme?: "light" | "dark"; forcedColors?: "active" | "none" };

async function signedInPage(
  emulation: Emulation,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    ignoreHTTPSErrors: true,
    viewport: { width: 1400, height: 1000 },
    ...emulation,
  });
  const page = await context.newPage();
  await signIn(page, emulator, "operator", `${consoleUrl}${REGISTRY}`);
  return { context, page };
}

/** Relative luminance of an `rgb(...)` color. */
function luminance([r, g, b]: number[]): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!);
}
const contrast = (a: number[], b: number[]) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
};
const rgb = (css: string) => (css.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);

/**
 * Screenshots the chart once it has drawn, decodes the PNG in the page, and counts the pixels of
 * the axis areas (left of the plot: y tick labels; below it: time labels) that stand out from the
 * page's background by at least 3:1. Returns that count and the background.
 */
async function axisPixels(page: Page) {
  const chart = page.getByTestId("ttfb-chart");
  await chart.locator("canvas").waitFor({ timeout: 60_000 });
  // Wait until samples are drawn, so the axes have ticks and labels.
  await page.locator('tr[data-host][data-verdict="ok"]').first().waitFor({ timeout: 60_000 });
  const background = await page.evaluate(() => {
    let el: Element | null = document.querySelector('[data-testid="ttfb-chart"]');
    while (el) {
      const bg = getComputedStyle(el).backgroundColor;
      if (bg && !/rgba\(0, 0, 0, 0\)|transparent/.test(bg)) return bg;
      el = el.parentElement;
    }
    return "rgb(255, 255, 255)";
  });
  const over = await chart.locator(".u-over").boundingBox();
  const box = await chart.boundingBox();
  const png = await chart.screenshot();
  const pixels = await page.evaluate(
    async ({ data, plotLeft, plotBottom }) => {
      const img = new Image();
      img.src = `data:image/png;base64,${data}`;
      await img.decode();
      const canvas = document.createElement("canvas");
      canvas.width = img.width;
      canvas.height = img.height;
      const ctx = canvas.getContext("2d")!;
      ctx.drawImage(img, 0, 0);
      const { data: d } = ctx.getImageData(0, 0, img.width, img.height);
      const scale = img.width / document.querySelector('[data-testid="ttfb-chart"]')!.clientWidth;
      const out: { left: number[][]; bottom: number[][] } = { left: [], bottom: [] };
      for (let y = 0; y < img.height; y++) {
        for (let x = 0; x < img.width; x++) {
          const i = (y * img.width + x) * 4;
          const px = [d[i]!, d[i + 1]!, d[i + 2]!];
          if (x < plotLeft * scale) out.left.push(px);
          else if (y > plotBottom * scale) out.bottom.push(px);
        }
      }
      return out;
    },
    {
      data: png.toString("base64"),
      plotLeft: over!.x - box!.x,
      plotBottom: over!.y - box!.y + over!.height,
    },
  );
  const bg = rgb(background);
  const visible = (set: number[][]) => set.filter((px) => contrast(px, bg) >= 3).length;
  return { background: bg, left: visible(pixels.left), bottom: visible(pixels.bottom) };
}

describe("themes", () => {
  it("follows prefers-color-scheme: dark, with the chart's axes drawn visibly on it", async () => {
    const { context, page } = await signedInPage({ colorScheme: "dark" });
    const pixels = await axisPixels(page);
    expect(luminance(pixels.background)).toBeLessThan(0.1);
    expect(pixels.left).toBeGreaterThan(50);
    expect(pixels.bottom).toBeGreaterThan(50);
    await context.close();
  });

  it("keeps the chosen theme across a reload, whatever the system prefers", async () => {
    const { context, page } = await signedInPage({ colorScheme: "dark" });
    await page.getByRole("button", { name: /^Theme:/ }).click();
    await page.getByRole("menuitemradio", { name: "Light" }).click();
    const providerBg = () =>
      page.evaluate(
        () => getComputedStyle(document.querySelector(".fui-FluentProvider")!).backgroundColor,
      );
    await expect.poll(async () => luminance(rgb(await providerBg()))).toBeGreaterThan(0.9);
    await page.reload();
    await page.getByRole("table", { name: "Endpoints" }).waitFor({ timeout: 30_000 });
    // Right from the server's HTML: the choice is on <html>, no script needed.
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe("light");
    expect(luminance(rgb(await providerBg()))).toBeGreaterThan(0.9);
    await page.getByRole("button", { name: "Theme: Light" }).waitFor();
    await context.close();
  });

  it("forced colors: the chart's axes, labels and legend use the system colors and stay visible", async () => {
    const { context, page } = await signedInPage({ forcedColors: "active", colorScheme: "dark" });
    const pixels = await axisPixels(page);
    expect(pixels.left).toBeGreaterThan(50);
    expect(pixels.bottom).toBeGreaterThan(50);
    // The legend is HTML: forced colors give it the system text color on the system background.
    const legend = await page
      .locator('[data-testid="ttfb-chart"] .u-legend .u-series')
      .nth(1)
      .evaluate((el) => getComputedStyle(el).color);
    expect(contrast(rgb(legend), pixels.background)).toBeGreaterThanOrEqual(4.5);
    await context.close();
  });
});
