/**
 * The one CSV writer of the console (RFC 4180), for every export that writes CSV. Cells are
 * neutralised against formula injection: a spreadsheet runs a cell that begins with `=`, `+`,
 * `-` or `@` (or a tab or carriage return before one) as a formula, and a host name, a tag or a
 * message in an export can come from anyone who can name a resource. Such a cell gets a leading
 * `'`, the mark spreadsheets read as "text".
 */

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: neutralised, then quoted when it holds a comma, a quote or a line break. */
export function csvCell(value: string | number | boolean | null | undefined): string {
  let text = value === null || value === undefined ? "" : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV document: a header row and the data rows, CRLF line ends, ending with one. */
export function csvDocument(rows: readonly (readonly Parameters<typeof csvCell>[0][])[]): string {
  return rows.map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
