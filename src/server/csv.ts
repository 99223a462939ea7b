/**
 * CSV for the staff exports (RFC 4180: comma, CRLF, fields with a comma, quote, CR or LF in
 * double quotes, quotes doubled). A cell that a spreadsheet would read as a formula — starting
 * with = + - @, or a tab / carriage return that some spreadsheets strip before them — gets a
 * leading apostrophe, so a tenant name like `=HYPERLINK(…)` synced from the marketplace stays
 * text (OWASP "CSV injection").
 */
export type CsvValue = string | number | boolean | Date | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  let s = value instanceof Date ? value.toISOString() : String(value);
  // Numbers are our own figures (a negative amount is not a formula); only text is guarded.
  if (typeof value === "string" && FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: readonly CsvValue[]): string {
  return values.map(csvCell).join(",") + "\r\n";
}

/** Header line plus one line per row. */
export function toCsv(header: readonly string[], rows: Iterable<readonly CsvValue[]>): string {
  let out = csvLine(header);
  for (const r of rows) out += csvLine(r);
  return out;
}
