// Links and active content of a PDF attachment: every /URI action (literal or hex string, direct, by
// reference, or inside compressed object streams), literal URLs of its JavaScript, and whether it has
// JavaScript, Launch actions, actions run on open, embedded files or encryption.
// Does not: decrypt an encrypted file (its strings stay unreadable; the flag says so), run script,
// follow Launch targets, or read links that appear only as page text.
import { InflateBudget } from './inflate.js';
import { type Decryptor, passwordDecryptor } from './pdf-decrypt.js';
import { javascriptUrls } from './pdf-javascript.js';
import { decodeStream, readStreamDict, streamExtent, worthDecoding } from './pdf-streams.js';
import { textOfPdfString } from './pdf-strings.js';
import { type PdfToken, tokenizePdf } from './pdf-tokens.js';

export interface PdfFindings {
  /** Targets of /URI actions and literal JavaScript URLs, de-duplicated, in order, at most MAX_URLS. */
  urls: string[];
  /** /JS or /JavaScript anywhere: a document-level or action script. */
  javascript: boolean;
  /** A /Launch action: runs a program or opens a file when clicked or opened. */
  launch: boolean;
  /** /OpenAction: something happens when the document opens (often a script or a link). */
  openAction: boolean;
  /** /AA: additional actions on page open, field focus and the like. */
  additionalActions: boolean;
  /** /EmbeddedFile objects: files carried inside the PDF. */
  embeddedFiles: number;
  /** /Encrypt in the trailer: strings and streams are encrypted. */
  encrypted: boolean;
  /**
   * The encrypted file opened with the empty user password (as most encrypted phish do) and was read;
   * false for an encrypted file whose links stay hidden from this scan.
   */
  decrypted: boolean;
  /** A bound (inflated bytes, streams) cut the scan short: what was found stands, more may exist. */
  truncated: boolean;
}

export interface PdfLimits {
  /** Inflated bytes of one stream. */
  maxStreamBytes: number;
  /** Inflated bytes of the whole file. */
  maxInflatedBytes: number;
}

/** Passwords tried on an encrypted file after the empty one, at most this many. */
export const MAX_PASSWORDS = 8;

export const DEFAULT_PDF_LIMITS: PdfLimits = {
  maxStreamBytes: 8 * 1024 * 1024,
  maxInflatedBytes: 8 * 1024 * 1024,
};
export const MAX_URLS = 1000;
/** Objects remembered for resolving `/URI n 0 R`; a real file has a handful of such strings. */
const MAX_REMEMBERED = 10_000;

const isInt = (tok: PdfToken | undefined): tok is PdfToken & { t: 'word' } =>
  tok?.t === 'word' && /^\d{1,10}$/.test(tok.v);

/** A URI value worth keeping: trimmed, printable, not an encrypted string's noise. */
function cleanUrl(raw: string): string | null {
  const v = textOfPdfString(raw).trim();
  if (v.length === 0 || v.length > 8192) return null;
  for (let i = 0; i < v.length; i++) if (v.charCodeAt(i) < 0x20 || v.charCodeAt(i) === 0x7f) return null;
  return v;
}

class PdfScan {
  readonly f: PdfFindings = {
    urls: [],
    javascript: false,
    launch: false,
    openAction: false,
    additionalActions: false,
    embeddedFiles: 0,
    encrypted: false,
    decrypted: false,
    truncated: false,
  };
  private readonly seen = new Set<string>();
  /** Strings that are whole objects (`12 0 obj (…)`), for `/URI 12 0 R`. */
  private readonly objectStrings = new Map<string, string>();
  private readonly uriRefs: string[] = [];
  private readonly budget: InflateBudget;
  /** The Encrypt dictionary's tokens and the file identifier's first string, from the first pass. */
  encryptDict: PdfToken[] | null = null;
  id0: string | null = null;
  decryptor: Decryptor | null = null;

  constructor(private readonly limits: PdfLimits) {
    this.budget = new InflateBudget(limits.maxInflatedBytes);
  }

  addUrl(raw: string): void {
    const url = cleanUrl(raw);
    if (url === null || this.seen.has(url)) return;
    if (this.f.urls.length >= MAX_URLS) {
      this.f.truncated = true;
      return;
    }
    this.seen.add(url);
    this.f.urls.push(url);
  }

  /** One PDF text: the file itself (streams allowed) or a decoded stream's content (no nesting). */
  scan(text: string, streams: boolean): void {
    const recent: PdfToken[] = []; // the last four tokens, newest last
    let depth = 0;
    let dict: PdfToken[] = [];
    let lastDict: PdfToken[] = [];
    let obj: [number, number] | null = null;
    const push = (tok: PdfToken) => {
      recent.push(tok);
      if (recent.length > 4) recent.shift();
    };
    tokenizePdf(text, (tok) => {
      if (tok.t === 'dict-open') {
        if (depth === 0) dict = [];
        depth++;
      } else if (tok.t === 'dict-close') {
        if (depth > 0 && --depth === 0) {
          lastDict = dict;
          if (streams) this.remember(dict);
        }
      } else if (depth > 0 && dict.length < 200) dict.push(tok);
      const [a, b, c] = [recent[recent.length - 3], recent[recent.length - 2], recent[recent.length - 1]];
      if (tok.t === 'name') this.flag(tok.v);
      else if (tok.t === 'word' && tok.v === 'obj' && isInt(b) && isInt(c)) obj = [Number(b.v), Number(c.v)];
      else if (tok.t === 'word' && tok.v === 'endobj') obj = null;
      else if (tok.t === 'string') {
        // Strings of an encrypted file are encrypted with their object's key; those inside an
        // object stream are not (the stream was).
        let v = tok.v;
        if (this.decryptor && streams && obj)
          v = this.decryptor.decrypt(obj[0], obj[1], Buffer.from(v, 'latin1'))?.toString('latin1') ?? '';
        if (c?.t === 'name' && c.v === 'URI') this.addUrl(v);
        else if (c?.t === 'name' && (c.v === 'JS' || c.v === 'JavaScript')) this.script(v);
        else if (
          c?.t === 'word' &&
          c.v === 'obj' &&
          isInt(a) &&
          isInt(b) &&
          this.objectStrings.size < MAX_REMEMBERED
        )
          this.objectStrings.set(a.v, v);
      } else if (
        tok.t === 'word' &&
        tok.v === 'R' &&
        a?.t === 'name' &&
        a.v === 'URI' &&
        isInt(b) &&
        isInt(c)
      ) {
        if (this.uriRefs.length < MAX_URLS) this.uriRefs.push(b.v);
      } else if (tok.t === 'word' && tok.v === 'stream' && streams) {
        push(tok);
        return this.stream(text, tok.at + 6, lastDict, obj);
      }
      push(tok);
      return undefined;
    });
  }

  /** Keeps what decryption needs: the Encrypt dictionary and the trailer's first identifier. */
  private remember(dict: PdfToken[]): void {
    for (let k = 0; k + 1 < dict.length; k++) {
      const t = dict[k] as PdfToken;
      const next = dict[k + 1] as PdfToken;
      if (t.t !== 'name') continue;
      if (t.v === 'Filter' && next.t === 'name' && next.v === 'Standard' && !this.encryptDict)
        this.encryptDict = dict;
      const first = dict[k + 2];
      if (t.v === 'ID' && next.t === 'delim' && next.v === '[' && first?.t === 'string' && this.id0 === null)
        this.id0 = first.v;
    }
  }

  private flag(name: string): void {
    switch (name) {
      case 'JS':
      case 'JavaScript':
        this.f.javascript = true;
        break;
      case 'Launch':
        this.f.launch = true;
        break;
      case 'OpenAction':
        this.f.openAction = true;
        break;
      case 'AA':
        this.f.additionalActions = true;
        break;
      case 'EmbeddedFile':
        this.f.embeddedFiles++;
        break;
      case 'Encrypt':
        this.f.encrypted = true;
        break;
    }
  }

  private script(code: string): void {
    for (const u of javascriptUrls(textOfPdfString(code))) this.addUrl(u);
  }

  /** Decodes and scans one stream; returns where the file's scan goes on. */
  private stream(
    text: string,
    afterKeyword: number,
    dictTokens: PdfToken[],
    obj: [number, number] | null,
  ): number {
    const d = readStreamDict(dictTokens);
    const extent = streamExtent(text, afterKeyword, d.length);
    if (!worthDecoding(d)) return extent.next;
    let raw: Buffer | null = Buffer.from(text.slice(extent.start, extent.end), 'latin1');
    if (this.decryptor && obj) raw = this.decryptor.decrypt(obj[0], obj[1], raw);
    if (raw === null) return extent.next;
    const content = decodeStream(raw, d, { maxStreamBytes: this.limits.maxStreamBytes, budget: this.budget });
    if (content === null) {
      if (this.budget.exhausted) this.f.truncated = true;
      return extent.next;
    }
    if (d.type === 'ObjStm') this.objectStream(content, d.n ?? 0, d.first ?? 0);
    this.scan(content, false);
    // Script kept in a stream (`/JS 12 0 R`) is found by its calls, whichever object refers to it.
    for (const u of javascriptUrls(content)) this.addUrl(u);
    return extent.next;
  }

  /**
   * Remembers the objects of an object stream that are bare strings, for references to them. Each
   * object is read only up to the next one's offset, and offsets must grow, so a hostile header
   * cannot make the same bytes be read twice.
   */
  private objectStream(content: string, n: number, first: number): void {
    const header = content.slice(0, Math.min(first, content.length)).trim().split(/\s+/);
    const entries: { num: string; at: number }[] = [];
    for (let k = 0; k + 1 < header.length && entries.length < n; k += 2) {
      const at = first + Number(header[k + 1]);
      if (!Number.isInteger(at) || at > content.length) break;
      const prev = entries[entries.length - 1];
      if (prev && at <= prev.at) break;
      entries.push({ num: header[k] as string, at });
    }
    for (let k = 0; k < entries.length && this.objectStrings.size < MAX_REMEMBERED; k++) {
      const e = entries[k] as { num: string; at: number };
      const body = content.slice(e.at, entries[k + 1]?.at ?? content.length);
      let value: string | null = null;
      tokenizePdf(body, (tok) => {
        if (tok.t === 'string') value = tok.v;
        return body.length; // the first token only
      });
      if (value !== null) this.objectStrings.set(e.num, value);
    }
  }

  finish(): PdfFindings {
    for (const ref of this.uriRefs) {
      const s = this.objectStrings.get(ref);
      if (s !== undefined) this.addUrl(s);
    }
    if (this.budget.exhausted) this.f.truncated = true;
    return this.f;
  }
}

/**
 * Scans a PDF's bytes; never throws on malformed input (what could be read is reported). An encrypted
 * file is opened with the empty user password, else with each of `passwords` (candidates the mail
 * itself gives, as in "the file's password: 123"), and scanned again when one fits.
 */
export function inspectPdf(
  bytes: Uint8Array,
  limits: PdfLimits = DEFAULT_PDF_LIMITS,
  passwords: readonly string[] = [],
): PdfFindings {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const first = new PdfScan(limits);
  first.scan(text, true);
  const found = first.finish();
  const { encryptDict, id0 } = first;
  if (!found.encrypted || !encryptDict || id0 === null) return found;
  let decryptor: Decryptor | null = null;
  for (const pw of ['', ...passwords.slice(0, MAX_PASSWORDS)]) {
    decryptor = passwordDecryptor(encryptDict, id0, pw);
    if (decryptor) break;
  }
  if (!decryptor) return found;
  // Once more with the key: the first pass saw ciphertext where the strings and streams are.
  const second = new PdfScan(limits);
  second.decryptor = decryptor;
  second.scan(text, true);
  const read = second.finish();
  read.decrypted = true;
  return read;
}
