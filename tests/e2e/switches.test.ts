import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, newContext, signIn } from "../support/browser";
import { control } from "../support/emulator-client";
import { armRegistries, armRegistry, armReplications } from "./arm";
import { captureApiToken, endpointRows, registryPage } from "./pages";

/**
 * The two switches in Chromium, through the real sign-in, against the emulated ARM. One sign-in
 * per persona for the whole file.
 */

const emulator = inject("emulator");
const consoleUrl = inject("consoleUrl");

/** Premium, regional endpoints off, replicas westus2 (home) and eastus. */
const TWO_REPLICAS = "fabrikamstaging";
/** Premium, seven replicas. */
const SEVEN_REPLICAS = "contosoprod";

let browser: Browser;
const ids = new Map<string, string>();

beforeAll(async () => {
  await control(emulator, "reset");
  browser = await launchBrowser();
});
afterAll(async () => {
  await control(emulator, "faults", undefined, "DELETE");
  await browser?.close();
});

function pageUrl(name: string) {
  const id = ids.get(name);
  if (!id) throw new Error(`no ARM id for ${name}`);
  return registryPage(consoleUrl, id);
}

const fault = (spec: Record<string, unknown>) => control(emulator, "faults", spec);
const routingSwitch = (page: Page, region: string) =>
  page
    .getByRole("table", { name: "Replicas" })
    .getByRole("switch", { name: `Global endpoint routing for ${region}`, exact: true });
const regionalSwitch = (page: Page) =>
  page.getByRole("switch", { name: "Regional endpoints", exact: true });

/** Waits until a switch has settled (enabled again) in the given position. */
async function settled(sw: Locator, checked: boolean) {
  await expect
    .poll(async () => `${await sw.isEnabled()} ${await sw.isChecked()}`, { timeout: 30_000 })
    .toBe(`true ${checked}`);
}

/** The cell of one replica's switch (the probes panel has rows per region too). */
const routingCell = (page: Page, region: string) =>
  page
    .getByRole("table", { name: "Replicas" })
    .locator(`tr[data-region="${region}"] td[data-column="globalEndpointRouting"]`);

/** The Endpoints table's global row (where its Region cell says which replicas it routes to). */
const globalRoutesTo = (page: Page) =>
  page.getByRole("table", { name: "Endpoints" }).locator('tr[data-kind="global"]');

async function armRouting(token: string, name: string) {
  const replicas = await armReplications(emulator, token, ids.get(name)!);
  return Object.fromEntries(
    replicas.map((r) => [r.location, r.properties.regionEndpointEnabled !== false]),
  );
}

describe("operator", () => {
  let context: BrowserContext;
  let page: Page;
  let token: () => string;

  beforeAll(async () => {
    context = await newContext(browser);
    page = await context.newPage();
    token = captureApiToken(page);
    await signIn(page, emulator, "operator", `${consoleUrl}/`);
    for (const r of await armRegistries(emulator, token())) ids.set(r.name, r.id);
  });
  afterAll(async () => {
    await context?.close();
  });

  it("turns regional endpoints on; the Endpoints table gains the host names ARM returns", async () => {
    await control(emulator, "requests/clear", {});
    await page.goto(pageUrl(TWO_REPLICAS));
    const sw = regionalSwitch(page);
    await settled(sw, false);
    const reads = await control<{ path: string }[]>(emulator, "requests?plane=arm");
    expect(
      reads.filter((r) => r.path.includes("/Microsoft.Authorization/permissions")),
    ).toHaveLength(1);

    await sw.click();
    const dialog = page.getByRole("alertdialog");
    await dialog.getByText(`Turn regional endpoints on for ${TWO_REPLICAS}?`).waitFor();
    const text = (await dialog.textContent()) ?? "";
    expect(text).toContain("Regional host names that will appear (expected)");
    expect(text).toContain("fabrikamstaging.<region>.geo.azurecr.io");
    expect(text).toContain("fabrikamstaging.eastus.geo.azurecr.io");
    expect(text).toContain("az acr update -n fabrikamstaging --regional-endpoints enabled");
    expect(text).toContain("properties.regionalEndpoints");
    expect(text).toContain("2026-01-01-preview");
    expect(text).toMatch(/Dedicated data endpoints are off.*--data-endpoint-enabled true/);
    // Nothing changes before the user confirms. The dialog is modal: a moment after it opens,
    // the page behind it is aria-hidden (Tabster), so the switch is looked up past that.
    expect(
      await page
        .getByRole("switch", { name: "Regional endpoints", exact: true, includeHidden: true })
        .isChecked(),
    ).toBe(false);

    await control(emulator, "requests/clear", {});
    // Hold the operation open so its progress can be seen.
    await fault({
      match: { method: "GET", path: `/registries/${TWO_REPLICAS}/operationStatuses/` },
      delayMs: 2000,
    });
    await dialog.getByRole("button", { name: "Turn regional endpoints on" }).click();
    await page.getByText("Updating…").first().waitFor();
    expect(await sw.isDisabled()).toBe(true);
    // The rest of the page stays usable meanwhile.
    expect(await routingSwitch(page, "eastus").isEnabled()).toBe(true);
    await settled(sw, true);

    // What the switch cost on the registry itself: one write, its poll, one read.
    const id = ids.get(TWO_REPLICAS)!;
    const calls = (
      await control<{ method: string; path: string }[]>(emulator, "requests?plane=arm")
    )
      .map((r) => `${r.method} ${r.path.split("?")[0]}`)
      .filter((c) => c.includes(id) && !c.includes(`${id}/replications`));
    expect(calls).toEqual([
      `PATCH ${id}`,
      expect.stringMatching(`^GET ${id}/operationStatuses/`),
      `GET ${id}`,
    ]);

    const arm = await armRegistry(emulator, token(), ids.get(TWO_REPLICAS)!);
    const armHosts = arm.properties.regionalEndpointHostNames ?? [];
    expect(armHosts).toHaveLength(2);
    const rows = await endpointRows(page);
    expect(
      rows
        .filter((r) => r.kind === "regional")
        .map((r) => r.host)
        .sort(),
    ).toEqual([...armHosts].sort());
    expect(await page.getByTestId("switch-result").textContent()).toContain(armHosts[0]);
  });

  it("offers no regional endpoints on a Standard registry, and says why", async () => {
    await control(emulator, "requests/clear", {});
    await page.goto(pageUrl("contosobuild"));
    const sw = regionalSwitch(page);
    await sw.waitFor();
    expect(await sw.isDisabled()).toBe(true);
    await page
      .getByRole("region", { name: "Registry" })
      .getByText("Regional endpoints need the Premium SKU; this registry is Standard.")
      .waitFor();
    // Nothing to change there, so ARM is not asked who may change it.
    const reads = await control<{ path: string }[]>(emulator, "requests?plane=arm");
    expect(reads.filter((r) => r.path.includes("/Microsoft.Authorization/"))).toEqual([]);
    await page.goto(pageUrl(TWO_REPLICAS));
  });

  it("turns global endpoint routing off for one replica (confirming twice) and back on", async () => {
    const eastus = routingSwitch(page, "eastus");
    await settled(eastus, true);
    await eastus.click();
    const dialog = page.getByRole("alertdialog");
    await dialog.getByText("Turn global endpoint routing off for eastus?").waitFor();
    const text = (await dialog.textContent()) ?? "";
    expect(text).toContain("westus2");
    expect(text).toContain("eastus keeps syncing");
    expect(text).toContain("fabrikamstaging.eastus.geo.azurecr.io keeps working");
    expect(text).toContain("cached DNS");
    expect(text).toContain(
      "az acr replication update -r fabrikamstaging -n eastus --global-endpoint-routing false",
    );
    expect(text).toContain("--region-endpoint-enabled");
    expect(text).toContain("properties.regionEndpointEnabled");
    // Only westus2 would be left: a second confirmation.
    await dialog.getByRole("button", { name: "Turn global endpoint routing off" }).click();
    await dialog.getByText("Only westus2 will then serve").waitFor();
    await dialog.getByRole("button", { name: "Yes, leave only westus2" }).click();
    await settled(eastus, false);
    expect(await armRouting(token(), TWO_REPLICAS)).toEqual({ westus2: true, eastus: false });
    expect(await routingCell(page, "eastus").textContent()).toBe("Off");
    // The Endpoints table says where the global name now leads, without a reload.
    await globalRoutesTo(page).getByText("1 of 2 replicas (not eastus)").waitFor();

    // westus2 is now the last replica serving the global name: refused, with the reason.
    await routingSwitch(page, "westus2").click();
    await dialog.getByText(/westus2 is the last replica/).waitFor();
    expect(await dialog.getByRole("button", { name: /Turn global endpoint routing/ }).count()).toBe(
      0,
    );
    await dialog.getByRole("button", { name: "Close" }).click();
    expect(await routingSwitch(page, "westus2").isChecked()).toBe(true);

    await eastus.click();
    await dialog.getByRole("button", { name: "Turn global endpoint routing on" }).click();
    await settled(eastus, true);
    expect(await armRouting(token(), TWO_REPLICAS)).toEqual({ westus2: true, eastus: true });
    await globalRoutesTo(page).getByText("All replicas").waitFor();
  });

  it("runs changes on two replicas at once", async () => {
    await page.goto(pageUrl(SEVEN_REPLICAS));
    for (const region of ["japaneast", "brazilsouth"]) {
      await fault({
        match: { method: "GET", path: `/replications/${region}/operationStatuses/` },
        delayMs: 2000,
      });
    }
    for (const region of ["japaneast", "brazilsouth"]) {
      const sw = routingSwitch(page, region);
      await settled(sw, true);
      await sw.click();
      await page
        .getByRole("alertdialog")
        .getByRole("button", { name: "Turn global endpoint routing off" })
        .click();
    }
    // Both are running: each shows Updating and cannot be flipped.
    expect(await routingSwitch(page, "japaneast").isDisabled()).toBe(true);
    expect(await routingSwitch(page, "brazilsouth").isDisabled()).toBe(true);
    expect(await page.getByText("Updating…").count()).toBe(2);
    await settled(routingSwitch(page, "japaneast"), false);
    await settled(routingSwitch(page, "brazilsouth"), false);
    const arm = await armRouting(token(), SEVEN_REPLICAS);
    expect([arm.japaneast, arm.brazilsouth]).toEqual([false, false]);
  });

  it("shows an operation that ends Failed where the user acted; the switch shows ARM's state", async () => {
    await page.goto(pageUrl(TWO_REPLICAS));
    await fault({
      match: { method: "PATCH", path: "/replications/eastus\\?" },
      lro: "Failed",
      code: "ReplicationUpdateFailed",
      message: "The replica could not be updated.",
    });
    const eastus = routingSwitch(page, "eastus");
    await settled(eastus, true);
    await eastus.click();
    const dialog = page.getByRole("alertdialog");
    await dialog.getByRole("button", { name: "Turn global endpoint routing off" }).click();
    await dialog.getByRole("button", { name: "Yes, leave only westus2" }).click();
    // Shown in a row of its own right under the replica's row.
    const failure = page.locator('tr[data-failure-for="eastus"]').getByTestId("switch-failure");
    await failure.waitFor();
    const text = (await failure.textContent()) ?? "";
    expect(text).toContain("Could not turn global endpoint routing off for eastus");
    expect(text).toContain("ReplicationUpdateFailed");
    expect(text).toContain("The replica could not be updated.");
    expect(text).toMatch(/Request id: \S+/);
    expect(text).toContain("operation ended Failed");
    expect(text).toContain(
      "ARM reports now, on a fresh read: Global endpoint routing for eastus: On (provisioning state Failed)",
    );
    await settled(eastus, true);
    expect((await armRouting(token(), TWO_REPLICAS)).eastus).toBe(true);
    await failure.getByRole("button", { name: "Dismiss" }).click();
    await failure.waitFor({ state: "detached" });
  });

  it("shows ARM's 403 with the missing action and the role that grants it", async () => {
    await fault({
      match: { method: "PATCH", path: "/replications/westus2\\?" },
      status: 403,
      code: "AuthorizationFailed",
      message:
        "The client does not have authorization to perform action 'Microsoft.ContainerRegistry/registries/replications/write'.",
    });
    const westus2 = routingSwitch(page, "westus2");
    await settled(westus2, true);
    await westus2.click();
    const dialog = page.getByRole("alertdialog");
    await dialog.getByRole("button", { name: "Turn global endpoint routing off" }).click();
    await dialog.getByRole("button", { name: "Yes, leave only eastus" }).click();
    const failure = page.locator('tr[data-failure-for="westus2"]').getByTestId("switch-failure");
    await failure.waitFor();
    const text = (await failure.textContent()) ?? "";
    expect(text).toContain("AuthorizationFailed (HTTP 403)");
    expect(text).toContain(
      "Your account lacks Microsoft.ContainerRegistry/registries/replications/write",
    );
    expect(text).toContain("Contributor role");
    expect(text).toContain("ARM reports now: Global endpoint routing for westus2: On");
    await settled(westus2, true);
    expect((await armRouting(token(), TWO_REPLICAS)).westus2).toBe(true);
    await failure.getByRole("button", { name: "Dismiss" }).click();
    await failure.waitFor({ state: "detached" });
  });

  it("after a dropped connection re-reads ARM before saying what state the registry is in", async () => {
    const route = "**/api/subscriptions/*/resourceGroups/*/registries/fabrikamstaging";
    await page.route(route, (r) =>
      r.request().method() === "PATCH" ? r.abort("connectionreset") : r.fallback(),
    );
    try {
      const sw = regionalSwitch(page);
      await settled(sw, true);
      await sw.click();
      const dialog = page.getByRole("alertdialog");
      const text = (await dialog.textContent()) ?? "";
      expect(text).toContain("Regional host names that will disappear (as ARM lists them now)");
      expect(text).toContain("fabrikamstaging.eastus.geo.azurecr.io");
      expect(text).toContain("stop resolving");
      await dialog.getByRole("button", { name: "Turn regional endpoints off" }).click();
      const failure = page.getByRole("region", { name: "Registry" }).getByTestId("switch-failure");
      await failure.waitFor();
      const shown = (await failure.textContent()) ?? "";
      expect(shown).toContain("NetworkError");
      expect(shown).toContain("connection to the console's server was lost");
      expect(shown).toContain("ARM reports now, on a fresh read: Regional endpoints: Enabled");
      await settled(sw, true);
    } finally {
      await page.unroute(route);
    }
  });

  it("a 429 beyond the SDK's retries says when to try again; the switch stays as ARM has it", async () => {
    await fault({
      match: { method: "PATCH", path: `/registries/${TWO_REPLICAS}\\?` },
      status: 429,
      retryAfter: 1,
      count: 4,
    });
    const sw = regionalSwitch(page);
    await sw.click();
    await page
      .getByRole("alertdialog")
      .getByRole("button", { name: "Turn regional endpoints off" })
      .click();
    const failure = page.getByRole("region", { name: "Registry" }).getByTestId("switch-failure");
    await failure.waitFor({ timeout: 30_000 });
    const text = (await failure.textContent()) ?? "";
    expect(text).toContain("TooManyRequests (HTTP 429)");
    expect(text).toMatch(/Try again after \d\d:\d\d:\d\d UTC/);
    expect(text).toContain("ARM reports now: Regional endpoints: Enabled");
    await settled(sw, true);
    const arm = await armRegistry(emulator, token(), ids.get(TWO_REPLICAS)!);
    expect(arm.properties.regionalEndpoints).toBe("Enabled");
  });
});

describe("reader", () => {
  let context: BrowserContext;
  let page: Page;
  let token: () => string;

  beforeAll(async () => {
    context = await newContext(browser);
    page = await context.newPage();
    token = captureApiToken(page);
    await signIn(page, emulator, "teamlead", pageUrl(TWO_REPLICAS));
  });
  afterAll(async () => {
    await context?.close();
  });

  it("sees the switches disabled, and why", async () => {
    const sw = regionalSwitch(page);
    await sw.waitFor();
    await page.getByTestId("read-only-notice").waitFor();
    expect(await sw.isDisabled()).toBe(true);
    expect(await routingSwitch(page, "westus2").isDisabled()).toBe(true);
    expect(await routingSwitch(page, "eastus").isDisabled()).toBe(true);
    const notice = (await page.getByTestId("read-only-notice").textContent()) ?? "";
    expect(notice).toContain("Microsoft.ContainerRegistry/registries/replications/write");
    expect(notice).toContain("Contributor");
    await page
      .getByRole("region", { name: "Registry" })
      .getByText(/does not include Microsoft\.ContainerRegistry\/registries\/write/)
      .waitFor();
    // The tooltip on a disabled switch says the same.
    await page.locator('[data-switch="Global endpoint routing for eastus"]').hover();
    await page
      .getByRole("tooltip")
      .getByText(/registries\/replications\/write/)
      .waitFor();
  });

  it("calling the PATCH route directly gets ARM's 403, passed through", async () => {
    const res = await fetch(
      `${pageUrl(TWO_REPLICAS).replace(consoleUrl, `${consoleUrl}/api`)}/replications/eastus`,
      {
        method: "PATCH",
        headers: { authorization: `Bearer ${token()}`, "content-type": "application/json" },
        body: JSON.stringify({ globalEndpointRouting: false }),
      },
    );
    expect(res.status).toBe(403);
    const body = (await res.json()) as {
      error: { code: string; message: string; requestId?: string };
    };
    expect(body.error.code).toBe("AuthorizationFailed");
    expect(body.error.message).toContain(
      "Microsoft.ContainerRegistry/registries/replications/write",
    );
    expect(body.error.requestId).toEqual(expect.any(String));
  });
});
