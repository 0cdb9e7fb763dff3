// A one-pass PDF tokenizer (ISO 32000-1 §7.2–7.3) over a latin1 string: names with their #xx escapes
// decoded, literal and hexadecimal strings, numbers and keywords, dictionary and array delimiters.
// Every token is consumed before the next starts (strings and comments included), so the pass is
// linear whatever the input, and an unclosed `(` swallows the rest once instead of being retried.
import { readHexString, readLiteralString } from './pdf-strings.js';

export type PdfToken =
  | { t: 'name'; v: string; at: number }
  | { t: 'string'; v: string; at: number }
  | { t: 'word'; v: string; at: number }
  | { t: 'dict-open'; at: number }
  | { t: 'dict-close'; at: number }
  | { t: 'delim'; v: string; at: number };

/**
 * Receives each token; returning a number moves the tokenizer there (the stream handler uses it to
 * jump past stream data, which is not PDF syntax).
 */
export type TokenSink = (tok: PdfToken) => number | undefined;

const isWhite = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0;
/** The delimiters of §7.2.2, plus white space: what ends a name, number or keyword. */
const isDelimiter = (c: number) =>
  isWhite(c) ||
  c === 0x28 ||
  c === 0x29 ||
  c === 0x3c ||
  c === 0x3e ||
  c === 0x5b ||
  c === 0x5d ||
  c === 0x7b ||
  c === 0x7d ||
  c === 0x2f ||
  c === 0x25;

/** Longest name or keyword kept; a longer run is read past as one token. */
const MAX_WORD = 256;

const hex = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);

/** A name's characters from `from` (after the `/`), `#xx` decoded: `/J#61vaScript` is /JavaScript. */
function readName(text: string, from: number): { v: string; end: number } {
  let i = from;
  while (i < text.length && !isDelimiter(text.charCodeAt(i))) i++;
  const raw = text.slice(from, Math.min(i, from + MAX_WORD));
  if (raw.indexOf('#') === -1) return { v: raw, end: i };
  let v = '';
  for (let j = 0; j < raw.length; j++) {
    if (raw[j] === '#' && hex(raw.charCodeAt(j + 1)) && hex(raw.charCodeAt(j + 2))) {
      v += String.fromCharCode(Number.parseInt(raw.slice(j + 1, j + 3), 16));
      j += 2;
    } else v += raw[j];
  }
  return { v, end: i };
}

/** Tokenizes `text` from `from`, handing every token to `sink`. */
export function tokenizePdf(text: string, sink: TokenSink, from = 0): void {
  let i = from;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isWhite(c)) {
      i++;
      continue;
    }
    let tok: PdfToken;
    let end: number;
    if (c === 0x25) {
      // A comment runs to the end of its line.
      while (i < n && text.charCodeAt(i) !== 0x0a && text.charCodeAt(i) !== 0x0d) i++;
      continue;
    } else if (c === 0x2f) {
      const name = readName(text, i + 1);
      tok = { t: 'name', v: name.v, at: i };
      end = name.end;
    } else if (c === 0x28) {
      const s = readLiteralString(text, i);
      tok = { t: 'string', v: s.value, at: i };
      end = s.end;
    } else if (c === 0x3c) {
      if (text.charCodeAt(i + 1) === 0x3c) {
        tok = { t: 'dict-open', at: i };
        end = i + 2;
      } else {
        const s = readHexString(text, i);
        tok = { t: 'string', v: s.value, at: i };
        end = s.end;
      }
    } else if (c === 0x3e) {
      const double = text.charCodeAt(i + 1) === 0x3e;
      tok = double ? { t: 'dict-close', at: i } : { t: 'delim', v: '>', at: i };
      end = i + (double ? 2 : 1);
    } else if (isDelimiter(c)) {
      tok = { t: 'delim', v: text[i] as string, at: i };
      end = i + 1;
    } else {
      let j = i;
      while (j < n && !isDelimiter(text.charCodeAt(j))) j++;
      tok = { t: 'word', v: text.slice(i, Math.min(j, i + MAX_WORD)), at: i };
      end = j;
    }
    const jump = sink(tok);
    i = jump !== undefined && jump > end ? jump : end;
  }
}
