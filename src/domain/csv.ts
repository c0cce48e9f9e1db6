/**
 * CSV as RFC 4180 writes it (quotes doubled, CRLF line ends), with cells that spreadsheets would run
 * as formulas defused the way OWASP's CSV injection guidance asks. No imports: the portfolio page's
 * browser bundle uses it for its export.
 */

/** What a spreadsheet runs as a formula when a cell starts with it. */
const FORMULA_START = /^[=+\-@\t\r]/;
/** What spreadsheets drop from the start of a cell on import (after which a formula would start it). */
const DROPPED_ON_IMPORT = /^[\0 ]+/;
/** A signed number (the app's own trend, `+5`, `-3`) is read as that number, never run as a formula. */
const SIGNED_NUMBER = /^[+-]\d+(\.\d+)?$/;
/**
 * Quoted whole: the RFC's specials, and the separators other spreadsheets split at (`;` in many
 * locales, a tab), so a formula after one never starts a cell of its own.
 */
const NEEDS_QUOTES = /[",;\t\r\n]/;

/** True when a spreadsheet could run the text as a formula. */
function runsAsFormula(text: string): boolean {
  if (text.startsWith('\0')) return true;
  const start = text.replace(DROPPED_ON_IMPORT, '');
  return FORMULA_START.test(start) && !SIGNED_NUMBER.test(start);
}

/** One cell of a CSV file (RFC 4180), also defused against spreadsheet formulas. */
export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return '';
  let text = String(value);
  // Prefixed with an apostrophe (the spreadsheet shows the text as text); numbers stay numbers.
  if (typeof value === 'string' && runsAsFormula(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV document: a header row and one line per row, CRLF line ends as RFC 4180 asks. */
export function toCsv(
  header: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number | boolean | null>>,
): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
