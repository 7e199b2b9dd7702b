import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, newContext, signIn } from "../support/browser";
import { control } from "../support/emulator-client";
import { armRegistries, armRegistry, armReplications, expectedEndpointHosts } from "./arm";
import { captureApiToken, endpointRows, inventoryNames, replicaRows, registryPage } from "./pages";

const emulator = inject("emulator");
const consoleUrl = inject("consoleUrl");

/** A Premium registry with regional endpoints on and seven replicas in the seed. */
const PREMIUM = "contosoprod";

let browser: Browser;

beforeAll(async () => {
  await control(emulator, "reset");
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const byName = (a: string, b: string) => a.localeCompare(b);

/** ARM requests the emulator received since its log was last cleared. */
async function armLog() {
  return control<{ method: string; path: string }[]>(emulator, "requests?plane=arm");
}

/** Checks the open registry page against ARM, read with the same user's token. */
async function expectRegistryPageMatchesArm(page: Page, token: string, registryId: string) {
  const registry = await armRegistry(emulator, token, registryId);
  const replicas = await armReplications(emulator, token, registryId);

  const endpoints = await endpointRows(page);
  const shown = endpoints.filter((r) => !r.notice).map(({ kind, host }) => ({ kind, host }));
  const expected = expectedEndpointHosts(registry, replicas);
  const key = (r: { kind: string; host: string }) => `${r.kind} ${r.host}`;
  expect(shown.map(key).sort(byName)).toEqual(expected.map(key).sort(byName));
  if (registry.properties.regionalEndpoints === "Enabled") {
    expect(registry.properties.regionalEndpointHostNames?.length).toBe(replicas.length);
  }

  const rows = await replicaRows(page);
  expect(rows.map((r) => r.region).sort(byName)).toEqual(
    replicas.map((r) => r.location).sort(byName),
  );
  for (const replica of replicas) {
    const row = rows.find((r) => r.region === replica.location);
    expect(row?.provisioningState).toBe(replica.properties.provisioningState);
    expect(row?.routing).toBe(replica.properties.regionEndpointEnabled === false ? "Off" : "On");
    expect(row?.home).toBe(replica.location === registry.location);
  }
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
  });
  afterAll(async () => {
    await context?.close();
  });

  it("shows the signed-in account and tenant in the header", async () => {
    const account = page.getByTestId("signed-in-account");
    await expect(account.textContent()).resolves.toContain("Olivia Operator");
    await expect(account.textContent()).resolves.toContain(emulator.tenantId);
  });

  it("lists every registry ARM lists for the user", async () => {
    const names = await inventoryNames(page);
    const arm = await armRegistries(emulator, token());
    expect(arm.length).toBeGreaterThan(0);
    expect([...names].sort(byName)).toEqual(arm.map((r) => r.name).sort(byName));
    expect(names).toContain(PREMIUM);
  });

  it("keeps filters in the URL, so a shared link shows the same view", async () => {
    await page.getByRole("combobox", { name: "SKU" }).click();
    await page.getByRole("option", { name: "Premium" }).click();
    await page.waitForURL((u) => u.searchParams.get("sku") === "Premium");
    const premium = await inventoryNames(page);
    const arm = await armRegistries(emulator, token());
    const expected = arm.filter((r) => r.sku.name === "Premium").map((r) => r.name);
    expect([...premium].sort(byName)).toEqual(expected.sort(byName));

    const shared = await context.newPage();
    await shared.goto(page.url());
    await expect(inventoryNames(shared)).resolves.toEqual(premium);
    await shared.close();
    await page.goto(`${consoleUrl}/`);
  });

  it("opens a Premium registry whose Endpoints and Replicas match ARM", async () => {
    await page.getByRole("table", { name: "Registries" }).waitFor();
    const started = Date.now();
    await page.getByRole("link", { name: PREMIUM, exact: true }).click();
    await page.getByRole("table", { name: "Endpoints" }).locator("tbody tr").first().waitFor();
    console.log(`[e2e] click in inventory -> Endpoints table visible: ${Date.now() - started} ms`);

    const arm = (await armRegistries(emulator, token())).find((r) => r.name === PREMIUM);
    expect(arm?.sku.name).toBe("Premium");
    expect(page.url()).toBe(registryPage(consoleUrl, arm!.id));
    await page.getByRole("heading", { level: 1, name: PREMIUM }).waitFor();
    await expectRegistryPageMatchesArm(page, token(), arm!.id);

    // A fresh load of the same URL (signed in already): navigation to the Endpoints table.
    const loadStarted = Date.now();
    await page.goto(page.url());
    await page.getByRole("table", { name: "Endpoints" }).locator("tbody tr").first().waitFor();
    console.log(`[e2e] page load -> Endpoints table visible: ${Date.now() - loadStarted} ms`);
  });

  it("costs two ARM reads for a registry page, and none on a revisit within freshness", async () => {
    await page.goto(`${consoleUrl}/`);
    await page.getByRole("table", { name: "Registries" }).waitFor();
    await control(emulator, "requests/clear", {});
    await page.getByRole("link", { name: PREMIUM, exact: true }).click();
    await page.getByRole("table", { name: "Replicas" }).locator("tbody tr").first().waitFor();
    await page.getByRole("table", { name: "Endpoints" }).locator("tbody tr").first().waitFor();
    // One registry GET and one replication list; the list's further pages ($skipToken) are
    // the same read followed to its end.
    const reads = (await armLog())
      .filter((e) => e.path.toLowerCase().includes(`/registries/${PREMIUM}`))
      .filter((e) => !e.path.includes("$skipToken="))
      // The switches' permissions read (Microsoft.Authorization) is counted in switches.test.ts.
      .filter((e) => !e.path.includes("/providers/Microsoft.Authorization/permissions"))
      .map((e) => `${e.method} ${e.path.split("?")[0]!.replace(/^.*\/registries\//, "")}`);
    expect(reads.sort()).toEqual([`GET ${PREMIUM}`, `GET ${PREMIUM}/replications`]);

    await control(emulator, "requests/clear", {});
    await page.getByRole("link", { name: "All registries" }).click();
    await page.getByRole("table", { name: "Registries" }).waitFor();
    await page.getByRole("link", { name: PREMIUM, exact: true }).click();
    await page.getByRole("table", { name: "Endpoints" }).locator("tbody tr").first().waitFor();
    await page.getByRole("table", { name: "Replicas" }).locator("tbody tr").first().waitFor();
    expect(await armLog()).toEqual([]);
  });

  it("shows a banner for a subscription that fails, and the rest of the fleet", async () => {
    const arm = await armRegistries(emulator, token());
    const staging = "8d2e4f6a-1b3c-4d5e-8f7a-9b0c1d2e3f41";
    await control(emulator, "faults", {
      match: {
        method: "GET",
        path: `/subscriptions/${staging}/providers/Microsoft.ContainerRegistry/registries`,
      },
      status: 403,
      code: "AuthorizationFailed",
      message: "The client does not have authorization to list registries in this subscription.",
      count: 10,
    });
    try {
      await page.goto(`${consoleUrl}/`);
      const banner = page.locator(`[data-subscription="${staging}"]`);
      await banner.waitFor();
      const text = await banner.textContent();
      expect(text).toContain("Contoso Staging");
      expect(text).toContain("AuthorizationFailed");
      expect(text).toContain("HTTP 403");
      expect(text).toMatch(/Request id: \S+/);
      const names = await inventoryNames(page);
      const others = arm.filter((r) => !r.id.includes(staging)).map((r) => r.name);
      expect([...names].sort(byName)).toEqual(others.sort(byName));
    } finally {
      await control(emulator, "faults", undefined, "DELETE");
    }
  });

  it("goes to a registry from a pasted ARM resource id", async () => {
    const arm = (await armRegistries(emulator, token())).find((r) => r.name === "sharedbase");
    await page.goto(`${consoleUrl}/`);
    const box = page.getByRole("searchbox", { name: "Go to registry" });
    await box.fill(arm!.id);
    await box.press("Enter");
    await page.waitForURL((u) => u.pathname.endsWith("/registries/sharedbase"));
    await expectRegistryPageMatchesArm(page, token(), arm!.id);
  });
});

describe("go to registry by login server", () => {
  it("pasting a login server opens that registry", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, emulator, "operator", `${consoleUrl}/`);
    await page.getByRole("table", { name: "Registries" }).waitFor();
    const box = page.getByRole("searchbox", { name: "Go to registry" });
    await box.focus();
    // A real paste event, as the browser fires it for Ctrl+V.
    await box.evaluate((input) => {
      const data = new DataTransfer();
      data.setData("text/plain", "https://contosoweb-d7ahbgchb9e6f0h4.azurecr.io/v2/");
      input.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true }));
    });
    await page.waitForURL((u) =>
      u.pathname.endsWith("/resourceGroups/rg-web-prod/registries/contosoweb"),
    );
    await page.getByRole("heading", { level: 1, name: "contosoweb" }).waitFor();
    await context.close();
  });
});

describe("sign-out", () => {
  it("signs out to a page that does not sign straight back in", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, emulator, "operator", `${consoleUrl}/`);
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL((u) => u.origin === consoleUrl && u.pathname === "/signed-out", {
      timeout: 30_000,
    });
    await page.getByRole("heading", { name: "You are signed out" }).waitFor();
    expect(await page.getByTestId("signed-in-account").count()).toBe(0);
    await context.close();
  });
});

describe("deep link", () => {
  it("signs in first, then opens the registry page that was asked for", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const token = captureApiToken(page);
    const path =
      "/subscriptions/6b1f3e2a-4c5d-4e8f-9a0b-1c2d3e4f5a60/resourceGroups/rg-web-prod/registries/contosoweb";
    const started = Date.now();
    await signIn(page, emulator, "operator", `${consoleUrl}${path}`);
    await page.getByRole("table", { name: "Endpoints" }).locator("tbody tr").first().waitFor();
    console.log(
      `[e2e] deep link incl. sign-in -> Endpoints table visible: ${Date.now() - started} ms`,
    );
    expect(new URL(page.url()).pathname).toBe(path);
    await page.getByRole("heading", { level: 1, name: "contosoweb" }).waitFor();
    await expectRegistryPageMatchesArm(
      page,
      token(),
      path.replace("/registries/", "/providers/Microsoft.ContainerRegistry/registries/"),
    );
    await context.close();
  });
});

describe("reader (team lead)", () => {
  it("signs in and sees the same data", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const token = captureApiToken(page);
    await signIn(page, emulator, "teamlead", `${consoleUrl}/`);
    await expect(page.getByTestId("signed-in-account").textContent()).resolves.toContain(
      "Tomas Teamlead",
    );
    const names = await inventoryNames(page);
    const arm = await armRegistries(emulator, token());
    expect([...names].sort(byName)).toEqual(arm.map((r) => r.name).sort(byName));

    await page.getByRole("link", { name: PREMIUM, exact: true }).click();
    const registry = arm.find((r) => r.name === PREMIUM)!;
    await expectRegistryPageMatchesArm(page, token(), registry.id);
    await context.close();
  });
});
