import type { ReplicaRow } from "./replica-row";
import type { AttentionItem, FleetAvailability, FleetSource } from "./types";

/** The columns of the CSV export, in order, with their headers. */
export const CSV_COLUMNS: { key: keyof ReplicaRow; header: string }[] = [
  { key: "subscriptionId", header: "Subscription" },
  { key: "resourceGroup", header: "Resource group" },
  { key: "registry", header: "Registry" },
  { key: "sku", header: "SKU" },
  { key: "region", header: "Region" },
  { key: "home", header: "Home" },
  { key: "provisioningState", header: "Provisioning state" },
  { key: "status", header: "Status" },
  { key: "globalEndpointRouting", header: "Global endpoint routing" },
  { key: "regionalEndpoint", header: "Regional endpoint" },
  { key: "lastProbe", header: "Last probe" },
  { key: "lastProbeMs", header: "Last probe TTFB (ms)" },
  { key: "availability24h", header: "Availability 24 h (%)" },
  { key: "availabilityVantage", header: "Availability vantage" },
];

/**
 * One CSV cell. A cell a spreadsheet would read as a formula (starting with `=`, `+`, `-`, `@`,
 * a tab or a carriage return) gets a leading `'` so it stays text: names and tags come from
 * other people's resources. Cells with commas, quotes or line breaks are quoted.
 */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The replica rows as CSV (CRLF line ends, as RFC 4180 has them). */
export function fleetCsv(rows: readonly ReplicaRow[]): string {
  const lines = [CSV_COLUMNS.map((c) => csvCell(c.header)).join(",")];
  for (const row of rows) lines.push(CSV_COLUMNS.map((c) => csvCell(row[c.key])).join(","));
  return `${lines.join("\r\n")}\r\n`;
}

/**
 * The view as JSON: where it came from, the filters, where the availability figures come from,
 * the replica rows and the attention items.
 */
export function fleetJson(input: {
  source: FleetSource;
  asOf: string;
  link: string;
  availability?: Omit<FleetAvailability, "replicas">;
  replicas: readonly ReplicaRow[];
  attention: readonly AttentionItem[];
}): string {
  return `${JSON.stringify(input, null, 2)}\n`;
}
