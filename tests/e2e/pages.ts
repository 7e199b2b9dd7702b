import type { Page } from "playwright-core";
import { parseRegistryId, registryPageUrl } from "@/lib/arm-id";

/** The console's page for a registry, from its ARM id (as a user's link to it would be). */
export function registryPage(consoleUrl: string, registryId: string): string {
  const ref = parseRegistryId(registryId);
  if (!ref) throw new Error(`not a registry id: ${registryId}`);
  return `${consoleUrl}${registryPageUrl(ref)}`;
}

/** The rows of the console's Endpoints table, as a user reads them. */
export async function endpointRows(page: Page) {
  const table = page.getByRole("table", { name: "Endpoints" });
  await table.waitFor();
  return table.locator("tbody tr").evaluateAll((rows) =>
    rows.map((row) => {
      const cells = [...(row as HTMLTableRowElement).cells].map((c) => c.textContent?.trim() ?? "");
      return {
        kind: row.getAttribute("data-kind") ?? "",
        notice: row.hasAttribute("data-notice"),
        region: cells[1] ?? "",
        host: (row.querySelector("td:nth-child(3) .fui-Text")?.textContent ?? "").trim(),
      };
    }),
  );
}

/** The rows of the console's Replicas table. */
export async function replicaRows(page: Page) {
  const table = page.getByRole("table", { name: "Replicas" });
  await table.waitFor();
  return table.locator("tbody tr").evaluateAll((rows) =>
    rows.map((row) => {
      // Cells by column key: the table's columns are data and may grow.
      const cell = (key: string) =>
        row.querySelector(`td[data-column="${key}"]`)?.textContent?.trim() ?? "";
      return {
        region: row.getAttribute("data-region") ?? "",
        home: cell("region").includes("Home"),
        provisioningState: cell("provisioningState"),
        routing: cell("globalEndpointRouting"),
      };
    }),
  );
}

/** Registry names in the inventory table's rendered rows (all of them below 100), in display order. */
export async function inventoryNames(page: Page) {
  const table = page.getByRole("table", { name: "Registries" });
  await table.waitFor();
  // Rows arrive subscription by subscription: read them once the last has.
  await page.locator('[aria-label="Registries"][aria-busy="false"]').waitFor({ timeout: 60_000 });
  return table
    .locator("tbody tr[data-registry]")
    .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-registry") ?? ""));
}

/** Starts capturing the bearer token the console sends to its own /api routes. */
export function captureApiToken(page: Page): () => string {
  let token = "";
  page.on("request", (request) => {
    const header = request.headers()["authorization"];
    if (header?.startsWith("Bearer ") && new URL(request.url()).pathname.startsWith("/api/")) {
      token = header.slice("Bearer ".length);
    }
  });
  return () => {
    if (!token) throw new Error("the console has not called its API yet");
    return token;
  };
}

/** The rows of the Probes table (registry page or pinned view), as data attributes say them. */
export function probeTableRows(page: Page) {
  return page
    .getByRole("table", { name: "Probes" })
    .locator("tbody tr")
    .evaluateAll((rows) =>
      rows.map((r) => ({
        host: r.getAttribute("data-host") ?? "",
        region: r.getAttribute("data-region") ?? "",
        kind: r.getAttribute("data-kind") ?? "",
        verdict: r.getAttribute("data-verdict") ?? "",
        status: r.getAttribute("data-status") ?? "",
        fastest: r.hasAttribute("data-fastest"),
        text: r.textContent ?? "",
      })),
    );
}

/** The Endpoints table's hosts that can be probed (the `*.blob...` wildcards name no host). */
export async function probeableEndpointHosts(page: Page) {
  return (await endpointRows(page))
    .filter((r) => !r.notice && !r.host.includes("*"))
    .map((r) => r.host)
    .sort();
}

/** The text of one replica's cell in a column of the Replicas table (by the column's key). */
export function replicaCell(page: Page, region: string, column: string) {
  return page
    .getByRole("table", { name: "Replicas" })
    .locator(`tr[data-region="${region}"] td[data-column="${column}"]`);
}
