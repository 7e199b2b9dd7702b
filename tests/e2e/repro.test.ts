import { readFile } from "node:fs/promises";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { pinnedProbesPageUrl } from "@/lib/arm-id";
import { launchBrowser, newContext, signIn } from "../support/browser";
import { control } from "../support/emulator-client";

/*
 * The support user reproduces against one replica of contosoprod (issue 10): a health check and a
 * digest matrix on the pinned-replica page, then a repro bundle whose content matches the page.
 * web/checkout:3.1.0 is seeded still replicating to brazilsouth (the previous digest there).
 */

const emulator = inject("emulator");
const consoleUrl = inject("consoleUrl");
const PINNED = pinnedProbesPageUrl(
  {
    subscriptionId: "6b1f3e2a-4c5d-4e8f-9a0b-1c2d3e4f5a60",
    resourceGroup: "rg-registry-prod",
    name: "contosoprod",
  },
  "westeurope",
);
const REGIONAL = "contosoprod.westeurope.geo.azurecr.io";

let browser: Browser;
let context: BrowserContext;
let page: Page;

/** The cells of a table's rows, as text, keyed by the row's data attribute. */
async function rows(name: string, attribute: string): Promise<Record<string, string[]>> {
  const table = page.getByRole("table", { name });
  return table
    .locator("tbody tr")
    .evaluateAll(
      (trs, attr) =>
        Object.fromEntries(
          trs.map((tr) => [
            tr.getAttribute(attr) ?? "",
            [...tr.querySelectorAll("td")].map((td) => (td.textContent ?? "").trim()),
          ]),
        ),
      attribute,
    );
}

beforeAll(async () => {
  await control(emulator, "reset");
  browser = await launchBrowser();
  context = await newContext(browser);
  page = await context.newPage();
  await signIn(
    page,
    emulator,
    "support",
    `${consoleUrl}${PINNED}?repository=web%2Fcheckout&tag=3.1.0`,
  );
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
});

describe("reproduce against one replica", () => {
  it("runs a health check and a digest matrix and downloads a bundle that matches the page", async () => {
    await page.waitForURL((u) => u.pathname === PINNED);
    const repository = page.getByRole("combobox", { name: "Repository" });
    await expect.poll(() => repository.inputValue(), { timeout: 30_000 }).toBe("web/checkout");
    expect(await page.getByRole("combobox", { name: "Tag" }).inputValue()).toBe("3.1.0");

    // Health check of the pinned replica's endpoint, with the support user's own identity.
    await page.getByRole("button", { name: "Run health check" }).click();
    const health = page.getByRole("table", { name: "Health check" });
    await health.locator("tr[data-step='blob']").waitFor({ timeout: 30_000 });
    const steps = await rows("Health check", "data-step");
    expect(Object.keys(steps)).toEqual([
      "dns",
      "tcp",
      "tls",
      "challenge",
      "token",
      "manifest",
      "blob",
    ]);
    for (const cells of Object.values(steps)) {
      expect(cells[0]).toBe(REGIONAL);
      expect(cells[2]).toBe("pass");
    }
    const manifestDigest = steps.manifest![4]!;
    expect(manifestDigest).toMatch(/^sha256:[a-f0-9]{64}$/);

    // Digest matrix: brazilsouth has not received the newest push yet.
    await page.getByRole("button", { name: "Check digests" }).click();
    await page.getByRole("table", { name: "Digests" }).locator("tbody tr").first().waitFor();
    const digests = await rows("Digests", "data-region");
    expect(digests.eastus![3]).toBe("home replica");
    expect(digests.westeurope![3]).toBe("same as home");
    expect(digests.westeurope![2]).toBe(manifestDigest);
    expect(digests.brazilsouth![3]).toBe("different");
    expect(digests.global![3]).toBe("same as home");
    await page.getByText(/^Propagating: some replicas/).waitFor();

    // The bundle: Markdown with what the page shows, and the commands to reproduce it.
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download repro bundle" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe("contosoprod-westeurope-repro.md");
    const markdown = await readFile((await file.path())!, "utf8");
    expect(markdown).toContain("# Repro: contosoprod in westeurope");
    expect(markdown).toContain(`docker pull ${REGIONAL}/web/checkout:3.1.0`);
    expect(markdown).toContain("az acr login --name contosoprod --endpoint westeurope");
    expect(markdown).toContain(`curl -v https://${REGIONAL}/v2/`);
    expect(markdown).toContain(`${PINNED}?repository=web%2Fcheckout&tag=3.1.0\``);
    // Every health check row and every digest row of the page is in the bundle.
    expect(markdown.match(/^\| .* \| pass \| [\d.]+ ms \|/gm)?.length).toBe(7);
    for (const [region, cells] of Object.entries(digests)) {
      const line = markdown.split("\n").find((l) => l.startsWith(`| ${region} |`));
      expect(line, region).toBeDefined();
      if (cells[2]) expect(line).toContain(`\`${cells[2]}\``);
      expect(line).toContain(`| ${digestWord(cells[3]!)} |`);
    }
    expect(markdown).toMatch(/## Probe samples\n\n\| Endpoint \| Samples/);

    // The same link reopens the view with its results (kept for the tab's session).
    await page.reload();
    await page.getByRole("table", { name: "Digests" }).waitFor({ timeout: 30_000 });
    expect((await rows("Digests", "data-region")).brazilsouth![3]).toBe("different");
  });

  it("watches a push until every replica serves it, and says how long that took", async () => {
    // A CI pipeline pushes to eastus; the other replicas receive it 12 s later.
    const pushed = await control<{ digest: string }>(emulator, "replicate", {
      registry: "contosoprod",
      repository: "web/frontend",
      tag: "latest",
      region: "eastus",
      lagMs: 12_000,
    });
    await page.goto(`${consoleUrl}${PINNED}?repository=web%2Ffrontend&tag=latest`);
    const watch = page.getByRole("button", { name: "Watch until consistent" });
    await expect.poll(() => watch.isEnabled(), { timeout: 30_000 }).toBe(true);
    await watch.click();
    await page.getByRole("button", { name: "Stop watching" }).waitFor();
    // While the others lack it, the watch keeps checking.
    await page.getByText(/^Propagating: .* Watching\.\.\.$/).waitFor({ timeout: 30_000 });
    const converged = page.getByText(
      /^Consistent: .* Converged [\d.]+ s after the watch started\.$/,
    );
    await converged.waitFor({ timeout: 60_000 });
    const seconds = Number(/Converged ([\d.]+) s/.exec((await converged.textContent()) ?? "")![1]);
    expect(seconds).toBeGreaterThan(0);
    const digests = await rows("Digests", "data-region");
    expect(Object.keys(digests).length).toBeGreaterThan(2);
    for (const [region, cells] of Object.entries(digests)) {
      expect(cells[2], region).toBe(pushed.digest);
    }
    // The watch is over: the button to start one is back.
    await watch.waitFor();
  });
});

/** The verdict word the bundle uses for a verdict label of the page. */
function digestWord(label: string): string {
  return {
    "home replica": "home",
    "same as home": "same",
    different: "different",
    missing: "missing",
    "access denied": "denied",
    unreachable: "unreachable",
  }[label]!;
}
