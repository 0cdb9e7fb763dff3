// A CSV reader for the accounts import, RFC 4180 as Excel and LibreOffice write it: UTF-8 with or
// without a byte order mark, `,` or `;` between cells (whichever the header row uses outside quotes),
// CRLF, LF or CR line ends, quoted cells with `""` for a quote and line breaks inside. One pass over
// the text, each character looked at once: linear time whatever the file holds.
//
// Lenient where a row can be refused alone: a quote inside an unquoted cell, or text after a closing
// quote, marks that row `malformed` and reading goes on at the next line. Strict where nothing after
// can be trusted: a quote never closed refuses the whole file (it swallowed every line after it).
import { CsvInvalidError, CsvTooLargeError } from './errors.js';

export const MAX_CSV_BYTES = 5 * 1024 * 1024;
export const MAX_CSV_ROWS = 10_000;
/** Longer than any address or name: a cell past this is a wrong file, not a person. */
export const MAX_CELL = 4096;

export interface CsvRow {
  /** The line the row starts on, 1 being the header: what the administrator finds in their sheet. */
  line: number;
  cells: string[];
  /** A stray quote: the cells are not to be trusted. */
  malformed: boolean;
}

export interface CsvTable {
  delimiter: ',' | ';';
  header: string[];
  rows: CsvRow[];
}

export interface CsvLimits {
  maxBytes: number;
  maxRows: number;
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Reads the file; throws CsvTooLargeError or CsvInvalidError for the file as a whole. */
export function parseCsv(
  data: Buffer | Uint8Array,
  limits: CsvLimits = { maxBytes: MAX_CSV_BYTES, maxRows: MAX_CSV_ROWS },
): CsvTable {
  if (data.length > limits.maxBytes) throw new CsvTooLargeError('bytes', limits.maxBytes);
  let text: string;
  try {
    // TextDecoder drops a leading byte order mark (ignoreBOM: false).
    text = decoder.decode(data);
  } catch {
    throw new CsvInvalidError('NOT_UTF8');
  }
  const delimiter = delimiterOf(text);
  const records = readRecords(text, delimiter, limits.maxRows + 1);
  const [head, ...rows] = records;
  if (head === undefined) throw new CsvInvalidError('EMPTY');
  if (head.malformed || head.cells.every((c) => c.trim() === '')) throw new CsvInvalidError('NO_HEADER');
  return { delimiter, header: head.cells, rows };
}

/** `;` when the first line has more semicolons than commas outside quotes (a German Excel's export). */
export function delimiterOf(text: string): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && c === ',') commas++;
    else if (!quoted && c === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

function readRecords(text: string, delimiter: string, maxRecords: number): CsvRow[] {
  const out: CsvRow[] = [];
  const n = text.length;
  let line = 1;
  let i = 0;
  // Cells are slices of the text, never built a character at a time: one pass, few allocations.
  while (i < n) {
    const startLine = line;
    const cells: string[] = [];
    let malformed = false;
    let quotedCell = false;
    for (;;) {
      let cell: string;
      let closed = false;
      if (text[i] === '"') {
        // A quoted cell: up to the quote that is not doubled; `""` inside is one quote.
        const parts: string[] = [];
        let from = i + 1;
        let j = from;
        for (;;) {
          if (j >= n) throw new CsvInvalidError('UNCLOSED_QUOTE', `line ${startLine}`);
          const c = text[j];
          if (c === '"') {
            if (text[j + 1] === '"') {
              parts.push(text.slice(from, j + 1));
              j += 2;
              from = j;
              continue;
            }
            break;
          }
          if (c === '\n' || (c === '\r' && text[j + 1] !== '\n')) line++;
          j++;
          if (j - i > MAX_CELL) throw new CsvInvalidError('CELL_TOO_LONG', `line ${startLine}`);
        }
        parts.push(text.slice(from, j));
        cell = parts.join('');
        i = j + 1;
        closed = true;
        quotedCell = true;
      } else cell = '';
      // The unquoted cell, or what follows a closing quote (which makes the row suspect).
      const from = i;
      while (i < n) {
        const c = text[i];
        if (c === delimiter || c === '\n' || c === '\r') break;
        if (c === '"') malformed = true;
        i++;
      }
      if (i - from > MAX_CELL) throw new CsvInvalidError('CELL_TOO_LONG', `line ${startLine}`);
      if (i > from) {
        if (closed) malformed = true;
        cell = cell + text.slice(from, i);
      }
      cells.push(cell);
      if (text[i] === delimiter) {
        i++;
        continue;
      }
      // A line end, or the end of the text.
      if (i < n) {
        i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1;
        line++;
      }
      break;
    }
    // A line with nothing on it (a trailing newline, a blank line between rows) is no row.
    if (cells.length === 1 && cells[0] === '' && !quotedCell) continue;
    out.push({ line: startLine, cells, malformed });
    if (out.length > maxRecords) throw new CsvTooLargeError('rows', maxRecords - 1);
  }
  return out;
}
