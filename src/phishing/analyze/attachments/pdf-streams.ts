// PDF streams: where a stream's data lies, what its dictionary says about it (filters, type), and its
// decoded bytes when that is cheap and worth it (no filter, or FlateDecode alone). Images and fonts
// are left compressed: they carry no actions and would spend the inflation budget.
import { type InflateBudget, inflateBounded } from './inflate.js';
import type { PdfToken } from './pdf-tokens.js';

/** What a stream's dictionary says, from its tokens. */
export interface StreamDict {
  filters: string[];
  length: number | null;
  type: string | null;
  subtype: string | null;
  /** Object streams: the count of objects and where the first starts. */
  n: number | null;
  first: number | null;
  /** A font program (/Length1…3) or predictor-encoded data, which the scan has no use for. */
  opaque: boolean;
}

const intOf = (tok: PdfToken | undefined): number | null =>
  tok?.t === 'word' && /^\d{1,10}$/.test(tok.v) ? Number(tok.v) : null;

/** Reads the keys that matter from the tokens of one top-level dictionary. */
export function readStreamDict(tokens: readonly PdfToken[]): StreamDict {
  const d: StreamDict = {
    filters: [],
    length: null,
    type: null,
    subtype: null,
    n: null,
    first: null,
    opaque: false,
  };
  for (let k = 0; k < tokens.length; k++) {
    const tok = tokens[k] as PdfToken;
    if (tok.t !== 'name') continue;
    const next = tokens[k + 1];
    const valueName = next?.t === 'name' ? next.v : null;
    switch (tok.v) {
      case 'Filter':
        if (valueName) d.filters = [valueName];
        else if (next?.t === 'delim' && next.v === '[') {
          const list: string[] = [];
          for (let j = k + 2; j < tokens.length; j++) {
            const f = tokens[j] as PdfToken;
            if (f.t !== 'name') break;
            list.push(f.v);
          }
          d.filters = list;
        }
        break;
      case 'Length': {
        // `/Length 12 0 R` is a reference, not a length.
        const ref = tokens[k + 3];
        if (!(ref?.t === 'word' && ref.v === 'R')) d.length = intOf(next);
        break;
      }
      case 'Type':
        d.type = valueName;
        break;
      case 'Subtype':
        d.subtype = valueName;
        break;
      case 'N':
        d.n = intOf(next);
        break;
      case 'First':
        d.first = intOf(next);
        break;
      case 'Length1':
      case 'Length2':
      case 'Length3':
      case 'Predictor':
        d.opaque = true;
        break;
    }
  }
  return d;
}

/** Where the data of the stream whose `stream` keyword ends at `afterKeyword` lies, and where to go on. */
export function streamExtent(
  text: string,
  afterKeyword: number,
  length: number | null,
): { start: number; end: number; next: number } {
  let start = afterKeyword;
  if (text.charCodeAt(start) === 0x0d) start++;
  if (text.charCodeAt(start) === 0x0a) start++;
  if (length !== null && start + length <= text.length) {
    let k = start + length;
    while (k < text.length && k < start + length + 4 && /[\r\n \t]/.test(text[k] as string)) k++;
    if (text.startsWith('endstream', k)) return { start, end: start + length, next: k + 9 };
  }
  // A wrong or indirect /Length: the data runs to the next endstream.
  const at = text.indexOf('endstream', start);
  if (at === -1) return { start, end: text.length, next: text.length };
  let end = at;
  if (text.charCodeAt(end - 1) === 0x0a) end--;
  if (text.charCodeAt(end - 1) === 0x0d) end--;
  return { start, end: Math.max(start, end), next: at + 9 };
}

const FLATE = new Set(['FlateDecode', 'Fl']);

/** Whether a stream is worth decoding for actions and links. */
export function worthDecoding(d: StreamDict): boolean {
  if (d.opaque || d.subtype === 'Image' || d.type === 'XRef' || d.type === 'Metadata') return false;
  if (d.subtype === 'Type1C' || d.subtype === 'CIDFontType0C' || d.subtype === 'OpenType') return false;
  return d.filters.length === 0 || (d.filters.length === 1 && FLATE.has(d.filters[0] as string));
}

/** The stream's decoded data (`raw` is its bytes, decrypted if need be) as latin1 text, or null. */
export function decodeStream(
  raw: Buffer,
  d: StreamDict,
  o: { maxStreamBytes: number; budget: InflateBudget },
): string | null {
  if (d.filters.length === 0) return raw.toString('latin1');
  const out = inflateBounded(raw, { raw: false, maxBytes: o.maxStreamBytes, budget: o.budget });
  return out.ok ? out.bytes.toString('latin1') : null;
}
