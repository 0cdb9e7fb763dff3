// CSV as the console's exports write it, for Excel and LibreOffice: UTF-8 with a byte order mark (so
// Excel reads the umlauts), `,` between cells, CRLF, RFC 4180 quoting. Safe against CSV injection
// (OWASP): a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return would be read as a
// formula, so it gets a leading `'`, which the spreadsheet shows as text.
const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r']);

export const CSV_BOM = '\uFEFF';

/** One cell: defused, then quoted when it holds a quote, a delimiter, a line break or edge spaces. */
export function csvCell(value: string | number | null | undefined): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (typeof value !== 'number' && s.length > 0 && FORMULA_START.has(s[0] as string)) s = `'${s}`;
  if (/[",;\r\n]/.test(s) || s !== s.trim()) return `"${s.replaceAll('"', '""')}"`;
  return s;
}

export function csvLine(cells: ReadonlyArray<string | number | null | undefined>): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** A whole file: the byte order mark, the header and the rows. */
export function csvFile(
  header: readonly string[],
  rows: Iterable<ReadonlyArray<string | number | null | undefined>>,
): string {
  const parts = [CSV_BOM, csvLine(header)];
  for (const r of rows) parts.push(csvLine(r));
  return parts.join('');
}
