/**
 * CSV as RFC 4180 writes it (quotes doubled, CRLF line ends), with cells that spreadsheets would run
 * as formulas defused. No imports: the portfolio page's browser bundle uses it for its export.
 */

/** One cell of a CSV file (RFC 4180), also defused against spreadsheet formulas. */
export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return '';
  let text = String(value);
  // A cell starting with = + - @ (or a tab/CR) is run as a formula by spreadsheets; numbers stay numbers.
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV document: a header row and one line per row, CRLF line ends as RFC 4180 asks. */
export function toCsv(
  header: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number | boolean | null>>,
): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
