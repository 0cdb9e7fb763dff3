// Does a domain imitate one of ours? Three transparent tests on the name left of the public suffix:
// the same skeleton after mapping look-alike characters (rn→m, 0→o, Cyrillic а→a …), an edit
// distance of 1 (2 for long names), and punycode that decodes to such a skeleton.
import { domainToUnicode } from 'node:url';
import { parse } from 'tldts';

export type LookalikeKind = 'homoglyph' | 'punycode' | 'edit-distance';

export interface Lookalike {
  domain: string;
  imitates: string;
  kind: LookalikeKind;
}

const CONFUSABLE: Record<string, string> = {
  '0': 'o',
  '1': 'l',
  '3': 'e',
  '5': 's',
  '7': 't',
  '8': 'b',
  i: 'l',
  '|': 'l', // latin-ish
  а: 'a',
  е: 'e',
  о: 'o',
  р: 'p',
  с: 'c',
  х: 'x',
  у: 'y',
  і: 'l',
  ј: 'j',
  ѕ: 's',
  ԁ: 'd',
  һ: 'h',
  ԛ: 'q',
  ԝ: 'w', // Cyrillic
  α: 'a',
  ο: 'o',
  ν: 'v',
  ρ: 'p',
  τ: 't',
  ι: 'l',
  κ: 'k', // Greek
  ı: 'l',
  ɡ: 'g',
  ł: 'l',
};

/** A comparison form in which look-alike spellings of one name coincide. */
export function skeleton(name: string): string {
  const folded = name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  return [...folded]
    .map((c) => CONFUSABLE[c] ?? c)
    .join('')
    .replace(/rn/g, 'm')
    .replace(/vv/g, 'w')
    .replace(/cl/g, 'd')
    .replace(/-/g, '');
}

export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

const nameOf = (domain: string): string =>
  parse(domain, { allowPrivateDomains: true }).domainWithoutSuffix ?? domain;

export function lookalikeOf(domain: string, own: readonly string[]): Lookalike | null {
  const d = domain.toLowerCase();
  const puny = d.split('.').some((l) => l.startsWith('xn--'));
  const shown = puny ? domainToUnicode(d) || d : d;
  const name = nameOf(shown);
  for (const o of own) {
    if (d === o || d.endsWith(`.${o}`)) return null;
  }
  for (const o of own) {
    const ownName = nameOf(o);
    if (skeleton(name) === skeleton(ownName) && shown !== o) {
      return { domain: d, imitates: o, kind: puny ? 'punycode' : 'homoglyph' };
    }
    const max = ownName.length >= 9 ? 2 : ownName.length >= 5 ? 1 : 0;
    if (max > 0 && name !== ownName && editDistance(name, ownName) <= max) {
      return { domain: d, imitates: o, kind: 'edit-distance' };
    }
  }
  return null;
}
