// Normalised words and word-5-shingles of a mail's visible text, for the bench's template ground
// truth. What varies between copies of one template is masked, so that two copies compare equal:
// lower case; a token with `://` or starting `www.` is <url>, one with `@` between other characters
// is <email>; punctuation around a word is dropped; a token longer than 20 characters, or of 8 or more
// that mixes letters and digits (ids, tracking codes), is <long>; every run of digits is 0; invisible
// characters (zero-width spaces and joiners, soft hyphens) are removed; whitespace separates words.
// Linear: one pass over the text, one over the words.

// The product's hashes (the template signature's): a hash is no measurement choice. The shingling and
// the similarity stay the bench's own, so the ground truth is not the product's grouping.
import { hashString as hashWord, mix32 } from '../src/phishing/analyze/template/minhash.js';

export { mix32 };

const SHINGLE = 5;
const LONG = 20;
const MIXED_ID = 8;

/** Characters phish put inside words so that filters do not see them; readers do not see them either. */
const isInvisible = (c: number) => c === 0xad || (c >= 0x200b && c <= 0x200f) || c === 0x2060 || c === 0xfeff;

function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200a);
}

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
/** Letters and digits of any script: what is left of a word once its punctuation is trimmed. */
const WORDISH = /[\p{L}\p{N}]/u;
const LETTER = /\p{L}/u;

function trimPunctuation(t: string): string {
  let a = 0;
  let b = t.length;
  while (a < b && !WORDISH.test(t[a] as string)) a++;
  while (b > a && !WORDISH.test(t[b - 1] as string)) b--;
  return t.slice(a, b);
}

function maskToken(raw: string): string {
  if (raw.includes('://') || raw.startsWith('www.')) return '<url>';
  const at = raw.indexOf('@');
  if (at > 0 && at < raw.length - 1) return '<email>';
  const t = trimPunctuation(raw);
  if (t === '') return '';
  let digits = 0;
  let letters = 0;
  for (let i = 0; i < t.length; i++) {
    if (isDigit(t.charCodeAt(i))) digits++;
    else if (LETTER.test(t[i] as string)) letters++;
  }
  if (t.length > LONG || (t.length >= MIXED_ID && digits > 0 && letters > 0)) return '<long>';
  if (digits === 0) return t;
  let out = '';
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (!isDigit(c)) out += t[i];
    else if (i === 0 || !isDigit(t.charCodeAt(i - 1))) out += '0';
  }
  return out;
}

/** The masked words of a text, in order. */
export function normalisedWords(text: string): string[] {
  const lower = text.toLowerCase();
  const words: string[] = [];
  let token = '';
  const flush = () => {
    if (token === '') return;
    const w = maskToken(token);
    if (w !== '') words.push(w);
    token = '';
  };
  let runStart = 0;
  for (let i = 0; i <= lower.length; i++) {
    const c = i < lower.length ? lower.charCodeAt(i) : 0x20;
    if (isSpace(c) || isInvisible(c)) {
      // Copy the run since the last separator at once, not character by character.
      token += lower.slice(runStart, i);
      runStart = i + 1;
      if (isSpace(c)) flush();
    }
  }
  return words;
}

/**
 * The set of word-5-shingles, each hashed to 32 bits, sorted without repeats. A text of fewer than
 * five words is one shingle of all of them, so short mails still compare; no words, the empty set.
 */
export function shingleSet(words: readonly string[]): Uint32Array {
  if (words.length === 0) return new Uint32Array(0);
  const hashes = words.map(hashWord);
  const n = Math.max(1, words.length - SHINGLE + 1);
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    let h = 0x9747b28c;
    for (let k = i; k < Math.min(i + SHINGLE, hashes.length); k++)
      h = mix32(Math.imul(h, 31) + (hashes[k] as number));
    out[i] = h;
  }
  out.sort();
  let u = 0;
  for (let i = 0; i < out.length; i++) if (i === 0 || out[i] !== out[u - 1]) out[u++] = out[i] as number;
  return out.slice(0, u);
}
