// The words of a mail body as a template sees them: what differs between copies of one template is
// masked, so copies compare equal. Lower case; links become <url> and addresses <email>; a token
// with digits and letters of 6 or more characters, or any token longer than 24, is an id (<id>);
// other digits become #; the recipient's own name parts become <name>; invisible characters
// (zero-width, soft hyphen) that phish put inside words are dropped. One pass over the text.
import { isSpaceCode } from '../../parse/scan.js';

/** Words past this many do not change which template a mail belongs to; the scan stays bounded. */
export const MAX_WORDS = 4000;
const ID_MIXED = 6;
const ID_LONG = 24;

const isInvisible = (c: number) => c === 0xad || (c >= 0x200b && c <= 0x200f) || c === 0x2060 || c === 0xfeff;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const WORDISH = /[\p{L}\p{N}]/u;
const LETTER = /\p{L}/u;

function trimmed(t: string): string {
  let a = 0;
  let b = t.length;
  while (a < b && !WORDISH.test(t[a] as string)) a++;
  while (b > a && !WORDISH.test(t[b - 1] as string)) b--;
  return t.slice(a, b);
}

/** One token masked; '' when nothing of it is a word. */
export function maskWord(raw: string, names: ReadonlySet<string> = new Set()): string {
  if (raw.includes('://') || raw.startsWith('www.')) return '<url>';
  const at = raw.indexOf('@');
  if (at > 0 && at < raw.length - 1) return '<email>';
  const t = trimmed(raw);
  if (t === '') return '';
  if (names.has(t)) return '<name>';
  if (t.length > ID_LONG) return '<id>';
  let digits = 0;
  let letters = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (isDigit(c)) digits++;
    else if (c > 0x7f ? LETTER.test(t[i] as string) : (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) letters++;
  }
  if (digits === 0) return t;
  if (letters > 0 && t.length >= ID_MIXED) return '<id>';
  let out = '';
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (!isDigit(c)) out += t[i];
    else if (i === 0 || !isDigit(t.charCodeAt(i - 1))) out += '#';
  }
  return out;
}

/**
 * The masked words of a text, in order, at most MAX_WORDS. `names` are lower-case words that name the
 * recipient (a greeting "Dear jane.doe" differs in every copy).
 */
export function templateWords(text: string, names: ReadonlySet<string> = new Set()): string[] {
  const words: string[] = [];
  let token = '';
  let runStart = 0;
  for (let i = 0; i <= text.length && words.length < MAX_WORDS; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 0x20;
    const space = isSpaceCode(c);
    if (!space && !isInvisible(c)) continue;
    // The run since the last separator is copied at once, not character by character.
    token += text.slice(runStart, i);
    runStart = i + 1;
    if (!space || token === '') continue;
    const w = maskWord(token.toLowerCase(), names);
    if (w !== '') words.push(w);
    token = '';
  }
  return words;
}

/** The words of an address and a display name that greet the recipient: `jane.doe@x` → jane, doe. */
export function nameWords(
  address: string | null | undefined,
  displayName: string | null | undefined,
): Set<string> {
  const out = new Set<string>();
  const local = address ? address.slice(0, Math.max(0, address.indexOf('@'))) : '';
  for (const part of `${local} ${displayName ?? ''}`.toLowerCase().split(/[\s._\-+,"']+/)) {
    // Two letters would mask words of the text itself ("jo", "al"); a name part is longer.
    if (part.length >= 3) out.add(part);
  }
  if (local.length >= 3) out.add(local.toLowerCase());
  return out;
}
