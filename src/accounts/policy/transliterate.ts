// A person's name as the ASCII letters and digits of an account name (UPN local part, mailNickname):
// German umlauts expanded (ä → ae, ß → ss), letters that Unicode does not decompose mapped by hand
// (ł → l, ø → o, æ → ae, þ → th, đ → d, ı → i), every other accent dropped through compatibility
// decomposition (é → e, ñ → n, ǆ → dz, ﬁ → fi, fullwidth Ａ → a), and everything else removed:
// symbols, emoji, invisible and bidirectional characters, scripts without a Latin form (those give
// an empty result, which the caller refuses with NAME_UNUSABLE rather than inventing a name).
//
// It does not guess a romanisation for Cyrillic, Greek, CJK or Arabic names: a wrong guess makes an
// account name the person does not recognise, and an administrator can choose one instead.
import { isInvisible } from './invisible.js';

/**
 * Input beyond this many UTF-16 units is cut before any work: Graph's displayName holds 256, so no
 * real name is longer, and the cut keeps the work bounded whatever a hostile caller sends.
 */
export const MAX_NAME_INPUT = 256;

/** Graph allows 64 characters in a mailNickname and before a UPN's @. */
export const MAX_ACCOUNT_NAME = 64;

/**
 * `expand` (ä → ae, the German convention and Microsoft's own for German tenants) or `drop`
 * (ä → a, what Turkish, Finnish, Swedish or Estonian speakers usually expect for ö and ü).
 */
export type UmlautStyle = 'expand' | 'drop';

export interface TransliterateOptions {
  umlauts?: UmlautStyle;
  /**
   * What a space, hyphen, dot or underscore between words becomes: nothing (the default, as an
   * account name part `{given}` holds one run of letters) or one separator, never two in a row and
   * never at either end (group mailNicknames: `physics-lab`).
   */
  separator?: '' | '-' | '_' | '.';
  /** The result is cut to this many characters (64 unless given). */
  maxLength?: number;
}

const UMLAUTS: Readonly<Record<string, string>> = {
  ä: 'ae',
  ö: 'oe',
  ü: 'ue',
  Ä: 'ae',
  Ö: 'oe',
  Ü: 'ue',
};

/** Letters compatibility decomposition leaves alone, with their usual Latin spelling. */
const BY_HAND: Readonly<Record<string, string>> = {
  ß: 'ss',
  ẞ: 'ss',
  æ: 'ae',
  Æ: 'ae',
  œ: 'oe',
  Œ: 'oe',
  ø: 'o',
  Ø: 'o',
  ł: 'l',
  Ł: 'l',
  đ: 'd',
  Đ: 'd',
  ð: 'd',
  Ð: 'd',
  þ: 'th',
  Þ: 'th',
  ı: 'i',
  ħ: 'h',
  Ħ: 'h',
  ŧ: 't',
  Ŧ: 't',
  ŋ: 'ng',
  Ŋ: 'ng',
  ĸ: 'k',
  ſ: 's',
  ƒ: 'f',
  ɨ: 'i',
  ʉ: 'u',
};

/** Characters that separate words in a name; anything else that is not a letter or digit is dropped. */
const isWordBreak = (ch: string): boolean =>
  ch === ' ' ||
  ch === '-' ||
  ch === '.' ||
  ch === '_' ||
  ch === '\t' ||
  ch === '\u00a0' ||
  (ch >= '\u2010' && ch <= '\u2015') || // hyphens and dashes
  (ch >= '\u2000' && ch <= '\u200a') || // typographic spaces
  ch === '\u3000';

const isAsciiAlnum = (c: number): boolean =>
  (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);

/** One pass over at most MAX_NAME_INPUT characters: the result is [a-z0-9] and the separator. */
export function transliterate(name: string, options: TransliterateOptions = {}): string {
  const umlauts = options.umlauts ?? 'expand';
  const separator = options.separator ?? '';
  const maxLength = Math.max(0, Math.min(options.maxLength ?? MAX_ACCOUNT_NAME, MAX_NAME_INPUT));
  // NFC first so that a + U+0308 is ä (and expands like it); the cut keeps this bounded.
  const text = name.slice(0, MAX_NAME_INPUT).normalize('NFC');
  let out = '';
  let pendingBreak = false;
  const emit = (letters: string) => {
    if (pendingBreak && out.length > 0) out += separator;
    pendingBreak = false;
    out += letters;
  };
  for (const ch of text) {
    if (out.length >= maxLength) break;
    if (isInvisible(ch.codePointAt(0) as number)) continue;
    if (isWordBreak(ch)) {
      pendingBreak = true;
      continue;
    }
    const mapped = (umlauts === 'expand' ? UMLAUTS[ch] : undefined) ?? BY_HAND[ch];
    if (mapped !== undefined) {
      emit(mapped);
      continue;
    }
    let letters = '';
    for (const part of ch.normalize('NFKD')) {
      const c = part.charCodeAt(0);
      if (part.length === 1 && isAsciiAlnum(c)) letters += part.toLowerCase();
      else if (BY_HAND[part] !== undefined) letters += BY_HAND[part];
    }
    if (letters !== '') emit(letters);
  }
  return cutAtSeparator(out.slice(0, maxLength), separator);
}

/** A cut never leaves the separator at the end. */
function cutAtSeparator(s: string, separator: string): string {
  if (separator === '') return s;
  let end = s.length;
  while (end > 0 && s[end - 1] === separator) end--;
  return s.slice(0, end);
}

/** The first letter or digit of a name, or '' when it has none (`Émile` → `e`, `Łucja` → `l`). */
export const initialOf = (name: string, options: TransliterateOptions = {}): string =>
  transliterate(name, { ...options, separator: '', maxLength: 2 }).slice(0, 1);
