/** An ARM timestamp as `2026-01-02 03:04:05 UTC`: the same for every viewer, sortable by eye. */
export function formatUtc(timestamp: string | undefined): string | null {
  if (!timestamp) return null;
  const date = new Date(timestamp);
  if (Number.isNaN(date.getTime())) return timestamp;
  return `${date.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}
