import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { automationToken, caFetch, control } from "../support/emulator-client";
import { openSignedIn, type SignedInSession } from "./session";

const emulator = inject("emulator");
const consoleUrl = inject("consoleUrl");

/** fabrikamstaging has two replicas (westus2 home, eastus); one made Failed leaves no failover. */
const STAGING_REPLICA =
  "/subscriptions/8d2e4f6a-1b3c-4d5e-8f7a-9b0c1d2e3f41/resourceGroups/rg-staging/providers/Microsoft.ContainerRegistry/registries/fabrikamstaging/replications/eastus";
/** sharedbase's dedicated data endpoint in koreacentral: the one endpoint of the seed there. */
const DOWN_REGION = "koreacentral";
const DOWN_HOST = "sharedbase.koreacentral.data.azurecr.io";

let session: SignedInSession;
let page: Page;

/** The rows of `Needs attention` as a user reads them. */
function attentionRows(p: Page) {
  return p
    .getByRole("table", { name: "Needs attention" })
    .locator("tbody tr")
    .evaluateAll((rows) =>
      rows.map((r) => {
        const cells = [...(r as HTMLTableRowElement).cells].map((c) => c.textContent?.trim() ?? "");
        return {
          reason: r.getAttribute("data-reason") ?? "",
          registry: cells[1] ?? "",
          region: cells[2] ?? "",
          what: cells[3] ?? "",
          since: cells[4] ?? "",
          href: r.querySelector("a")?.getAttribute("href") ?? "",
        };
      }),
    );
}

/** Every replica cell of the `Replica health` grid: the values the exports write. */
function gridReplicas(p: Page) {
  return p
    .getByRole("table", { name: "Replica health" })
    .locator("tbody tr[data-registry]")
    .evaluateAll((rows) =>
      rows.flatMap((r) =>
        [...r.querySelectorAll("[data-region]")].map((c) => ({
          registry: r.getAttribute("data-registry") ?? "",
          region: c.getAttribute("data-region") ?? "",
          status: c.getAttribute("data-status") ?? "",
          routing: c.getAttribute("data-routing") ?? "",
          regional: c.getAttribute("data-regional") ?? "",
          probe: c.getAttribute("data-probe") ?? "",
        })),
      ),
    );
}

/** Reloads the page until `check` passes (Resource Graph's index and the sweep take seconds). */
async function eventually(check: () => Promise<boolean>, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("the page did not show it in time");
    await page.waitForTimeout(2_000);
    await page.reload();
    await page.getByRole("table", { name: "Replica health" }).waitFor();
  }
}

/** Makes a replica's provisioning end Failed, through ARM, as a failed change leaves it. */
async function failReplica(id: string) {
  const token = await automationToken(emulator);
  await control(emulator, "faults", {
    match: { method: "PATCH", path: "fabrikamstaging/replications/eastus" },
    lro: "Failed",
    lroMode: "async",
    code: "ReplicationFailed",
    message: "The replica could not be updated.",
  });
  const fetch = caFetch(emulator);
  const res = await fetch(`${emulator.armEndpoint}${id}?api-version=2025-11-01`, {
    method: "PATCH",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ properties: { regionEndpointEnabled: true } }),
  });
  expect(res.status).toBe(201);
  const status = res.headers.get("azure-asyncoperation")!;
  const poll = await fetch(status, { headers: { authorization: `Bearer ${token}` } });
  expect(((await poll.json()) as { status: string }).status).toBe("Failed");
}

beforeAll(async () => {
  session = await openSignedIn({
    persona: "teamlead",
    permissions: ["clipboard-read", "clipboard-write"],
  });
  page = session.page;
});
afterAll(async () => {
  await control(emulator, `regions/${DOWN_REGION}`, { down: false }).catch(() => undefined);
  await session?.close();
});

describe("fleet health", () => {
  it("opens from the header and shows the seed's replicas and what needs attention", async () => {
    await page.getByRole("table", { name: "Registries" }).waitFor();
    await page
      .getByRole("navigation", { name: "Pages" })
      .getByRole("link", { name: "Fleet health" })
      .click();
    await page.getByRole("heading", { level: 1, name: "Fleet health" }).waitFor();
    await page.waitForURL((u) => u.pathname === "/fleet");
    expect(await page.getByText(/^Source: Azure Resource Graph, as of /).count()).toBe(1);
    const items = await attentionRows(page);
    expect(items.map((i) => `${i.reason} ${i.registry} ${i.region}`)).toEqual(
      expect.arrayContaining([
        "excluded-from-routing contosoweb uksouth",
        "stuck-in-progress contosoml centralindia",
      ]),
    );
    const grid = await gridReplicas(page);
    expect(grid.find((c) => c.registry === "contosoweb" && c.region === "uksouth")).toMatchObject({
      status: "Ready",
      routing: "Off",
      regional: "Unknown",
    });
    expect(new Set(grid.map((c) => c.registry))).toEqual(
      new Set(["contosoprod", "contosoweb", "contosoml", "fabrikamstaging", "sharedbase"]),
    );
  });

  it("shows a replica made Failed and a region taken down in Needs attention, with the right reasons", async () => {
    await failReplica(STAGING_REPLICA);
    await control(emulator, `regions/${DOWN_REGION}`, { down: true });
    await eventually(async () => {
      const items = await attentionRows(page);
      return (
        items.some((i) => i.reason === "provisioning-failed" && i.registry === "fabrikamstaging") &&
        items.some((i) => i.reason === "endpoint-down" && i.what.includes(DOWN_HOST))
      );
    });
    const items = await attentionRows(page);
    const failed = items.find(
      (i) => i.reason === "provisioning-failed" && i.registry === "fabrikamstaging",
    )!;
    expect(failed).toMatchObject({
      region: "eastus",
      what: "Replica in eastus: provisioning Failed",
    });
    expect(failed.since).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC/);
    expect(failed.href).toBe(
      "/subscriptions/8d2e4f6a-1b3c-4d5e-8f7a-9b0c1d2e3f41/resourceGroups/rg-staging/registries/fabrikamstaging",
    );
    expect(items.some((i) => i.reason === "no-failover" && i.registry === "fabrikamstaging")).toBe(
      true,
    );
    const down = items.find((i) => i.reason === "endpoint-down")!;
    expect(down).toMatchObject({ registry: "sharedbase", region: DOWN_REGION });
    expect(down.what).toMatch(/refused/);
    expect(down.href).toMatch(/\/registries\/sharedbase\/probes\/koreacentral$/);
    const cell = (await gridReplicas(page)).find(
      (c) => c.registry === "fabrikamstaging" && c.region === "eastus",
    );
    expect(cell?.status).toBe("Failed");
  });

  it("keeps filters in the URL: a reload shows the same view", async () => {
    await page.getByRole("combobox", { name: "Reason" }).click();
    await page.getByRole("option", { name: "Endpoint down" }).click();
    await page.waitForURL((u) => u.searchParams.get("reason") === "endpoint-down");
    await page.getByRole("combobox", { name: "SKU" }).click();
    await page.getByRole("option", { name: "Premium" }).click();
    await page.waitForURL((u) => u.searchParams.get("sku") === "Premium");
    const before = { items: await attentionRows(page), grid: await gridReplicas(page) };
    expect(new Set(before.items.map((i) => i.reason))).toEqual(new Set(["endpoint-down"]));
    expect(new Set(before.grid.map((c) => c.registry))).toEqual(new Set(["sharedbase"]));

    await page.reload();
    await page.getByRole("table", { name: "Replica health" }).waitFor();
    expect(await page.getByRole("combobox", { name: "Reason" }).textContent()).toBe(
      "Endpoint down",
    );
    expect(await page.getByRole("combobox", { name: "SKU" }).textContent()).toBe("Premium");
    expect((await attentionRows(page)).map((i) => i.what)).toEqual(before.items.map((i) => i.what));
    expect((await gridReplicas(page)).map((c) => `${c.registry} ${c.region}`)).toEqual(
      before.grid.map((c) => `${c.registry} ${c.region}`),
    );
  });

  it("exports exactly what the table shows, as CSV and JSON", async () => {
    await page.goto(`${consoleUrl}/fleet?sort=name&dir=asc`);
    await page.getByRole("table", { name: "Replica health" }).waitFor();
    const grid = await gridReplicas(page);
    const csvDownload = page.waitForEvent("download");
    await page.getByRole("button", { name: "Export CSV" }).click();
    const csv = await readFile((await (await csvDownload).path())!, "utf8");
    const [header, ...lines] = csv.trimEnd().split("\r\n");
    const columns = header!.split(",");
    const rows = lines.map((line) =>
      Object.fromEntries(line.split(",").map((v, i) => [columns[i], v])),
    );
    // The grid and the file may differ only by sweep results that came in between.
    const key = (r: {
      registry: string;
      region: string;
      status: string;
      routing: string;
      regional: string;
    }) => `${r.registry} ${r.region} ${r.status} ${r.routing} ${r.regional}`;
    expect(
      rows.map((r) =>
        key({
          registry: r.Registry!,
          region: r.Region!,
          status: r.Status!,
          routing: r["Global endpoint routing"]!,
          regional: r["Regional endpoint"]!,
        }),
      ),
    ).toEqual(grid.map(key));

    // The sweep streams results in all the time (a loaded machine can make an endpoint slow for
    // a round): compare with the table as it was both just before and just after the export.
    const exportJson = async () => {
      const download = page.waitForEvent("download");
      await page.getByRole("button", { name: "Export JSON" }).click();
      return JSON.parse(await readFile((await (await download).path())!, "utf8")) as {
        source: string;
        link: string;
        replicas: {
          registry: string;
          region: string;
          status: string;
          globalEndpointRouting: string;
          regionalEndpoint: string;
        }[];
        attention: { reason: string; registryName: string; region: string | null }[];
      };
    };
    const shownItems = async () =>
      (await attentionRows(page)).map((i) => `${i.reason} ${i.registry} ${i.region}`);
    let compared = false;
    for (let attempt = 0; attempt < 5 && !compared; attempt++) {
      const before = await shownItems();
      const json = await exportJson();
      const after = await shownItems();
      if (before.join("|") !== after.join("|")) continue;
      compared = true;
      expect(json.source).toBe("resource-graph");
      expect(json.link).toBe(`${consoleUrl}/fleet?sort=name&dir=asc`);
      expect(
        json.replicas.map((r) =>
          key({
            registry: r.registry,
            region: r.region,
            status: r.status,
            routing: r.globalEndpointRouting,
            regional: r.regionalEndpoint,
          }),
        ),
      ).toEqual(grid.map(key));
      expect(json.attention.map((i) => `${i.reason} ${i.registryName} ${i.region ?? "—"}`)).toEqual(
        after,
      );
    }
    expect(compared).toBe(true);
  });

  it("gives the inventory health columns from the same reading", async () => {
    // What the fleet page lists for contosoml: its replica not Ready, and, when other tests of
    // the run took one of its regions down while the sweep probed it, its availability.
    const fleetItems = async () => {
      await page.goto(`${consoleUrl}/fleet`);
      await page.getByRole("table", { name: "Needs attention" }).waitFor();
      return (await attentionRows(page)).filter((i) => i.registry === "contosoml");
    };
    const inventoryCells = async () => {
      await page.goto(`${consoleUrl}/`);
      const table = page.getByRole("table", { name: "Registries" });
      await table.waitFor();
      // Rows show as ARM lists them; the health columns come with the fleet reading after them.
      await table
        .locator('tbody tr[data-registry="contosoml"] td', { hasText: /^\d+ \/ \d+$/ })
        .waitFor();
      return table.locator('tbody tr[data-registry="contosoml"] td').allTextContents();
    };
    let items = await fleetItems();
    let cells = await inventoryCells();
    // A sweep round between the two pages may add an item: compare two readings that agree.
    for (let attempt = 0; attempt < 3 && cells.at(-1) !== String(items.length); attempt++) {
      items = await fleetItems();
      cells = await inventoryCells();
    }
    expect(items.filter((i) => i.reason !== "availability-low")).toHaveLength(1);
    expect(cells.at(-2)).toBe("2 / 3");
    expect(cells.at(-1)).toBe(String(items.length));
  });
});
