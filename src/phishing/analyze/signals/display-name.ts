// What a sender's display name claims, set against the address it comes from: a brand whose domains
// the sender's domain does not carry, or another address written as the name
// ("support@paypal.com" <x@evil.example>). Names are compared as a reader sees them: compatibility
// forms folded (NFKC), accents dropped, letters and digits as words.
import { BRANDS, type Brand } from './brands.js';

/** The words of a name, lower case, accents dropped, one space between them, padded with spaces. */
export function nameWords(name: string): string {
  const folded = name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
  let out = ' ';
  let gap = false;
  for (const ch of folded) {
    if (/[\p{L}\p{N}]/u.test(ch)) {
      if (gap && out.length > 1) out += ' ';
      out += ch;
      gap = false;
    } else gap = true;
  }
  return `${out}${spacedOut(out)} `;
}

/**
 * Names spelled out a letter at a time ("C o i n b a s e") joined into the word they spell, added after
 * the words: a person reads the word, a filter that compares words would not.
 */
function spacedOut(words: string): string {
  let extra = '';
  let run = '';
  for (const w of `${words} `.split(' ')) {
    if (w.length === 1) {
      run += w;
      continue;
    }
    if (run.length >= 3) extra += ` ${run}`;
    run = '';
  }
  return extra;
}

/** The brand a display name claims, if any (the first listed whose name is among its words). */
export function claimedBrand(displayName: string): { brand: Brand; name: string } | null {
  const words = nameWords(displayName);
  for (const brand of BRANDS) {
    const name = brand.names.find((n) => words.includes(` ${n} `));
    if (name) return { brand, name };
  }
  return null;
}

/** True when the label of the sender's registrable domain (`contoso` of contoso.co.uk) carries the brand. */
export function domainCarriesBrand(brand: Brand, domainLabel: string): boolean {
  const label = domainLabel.toLowerCase();
  return brand.labels.some((l) => (l.length <= 3 ? label === l : label.includes(l)));
}

/**
 * The e-mail address written in a display name, if any: the first word with an `@` between a local
 * part and a dotted domain. Linear: one pass over the name's words.
 */
export function addressInName(displayName: string): string | null {
  for (const word of displayName.split(/[\s"'<>()[\],;]+/)) {
    const at = word.indexOf('@');
    if (at <= 0 || at === word.length - 1) continue;
    let end = word.length;
    while (end > at + 1 && word.charCodeAt(end - 1) === 0x2e) end--;
    const domain = word.slice(at + 1, end);
    if (domain.includes('.') && !domain.startsWith('.'))
      return `${word.slice(0, at)}@${domain}`.toLowerCase();
  }
  return null;
}
