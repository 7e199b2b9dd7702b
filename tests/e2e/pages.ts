import type { Page } from "playwright-core";

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
      const cells = [...(row as HTMLTableRowElement).cells].map((c) => c.textContent?.trim() ?? "");
      return {
        region: row.getAttribute("data-region") ?? "",
        home: (cells[0] ?? "").includes("Home"),
        provisioningState: cells[1] ?? "",
        routing: cells[4] ?? "",
      };
    }),
  );
}

/** Registry names in the inventory table, in display order. */
export async function inventoryNames(page: Page) {
  const table = page.getByRole("table", { name: "Registries" });
  await table.waitFor();
  return table
    .locator("tbody tr")
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
