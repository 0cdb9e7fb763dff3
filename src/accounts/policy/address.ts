// An e-mail address as a person types it, checked and put in one form: trimmed, the domain in
// lower-case punycode (UTS #46 through node:url's domainToASCII, as browsers do), the local part's
// case kept for display and for sending (RFC 5321 lets a server treat it as case-sensitive) but
// lower-cased in `key`, the form compared, counted and stored as unique.
//
// Refused, each with its own reason: anything over 254 characters, quoted local parts and comments
// (`"a@b"@x`, `a(x)@y`: valid RFC 5322, but used to make one address read as another), invisible and
// bidirectional characters, whitespace, domain literals (`a@[10.0.0.1]`), a local part outside ASCII
// (SMTPUTF8 local parts are where look-alike letters hide; institutional addresses are ASCII), and a
// domain label that mixes scripts (`stud.exаmple.edu` with a Cyrillic а). One pass over at most 254
// characters: no regular expression runs over anything longer than a 63-character label.
import { z } from 'zod';
import { canonicalDomain } from '../../platform/domain-name.js';
import { AddressInvalidError } from '../errors.js';
import { isInvisible } from './invisible.js';

/** RFC 5321's longest path less the angle brackets. */
export const MAX_ADDRESS = 254;
const MAX_LOCAL = 64;

export interface NormalisedAddress {
  /** `Local.Part@example.edu`: what the mail is sent to and the page shows. */
  readonly address: string;
  readonly local: string;
  /** Lower-case ASCII; `xn--` labels for internationalised names. */
  readonly domain: string;
  /** `local.part@example.edu`: what is compared, rate-limited and stored unique. */
  readonly key: string;
}

/** At the edge: a string, and not a megabyte of one (longer is refused before it is trimmed). */
export const addressInputSchema = z.string().max(4 * MAX_ADDRESS);

/** RFC 5322 atext: the characters of a dot-atom besides the dots. */
const isAtext = (c: string): boolean =>
  (c >= 'a' && c <= 'z') ||
  (c >= 'A' && c <= 'Z') ||
  (c >= '0' && c <= '9') ||
  "!#$%&'*+-/=?^_`{|}~".includes(c);

const isSpace = (c: string): boolean => /\s/u.test(c);

const SCRIPTS: ReadonlyArray<readonly [string, RegExp]> = [
  ['Latin', /\p{Script=Latin}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Han', /\p{Script=Han}/u],
  ['Hiragana', /\p{Script=Hiragana}/u],
  ['Katakana', /\p{Script=Katakana}/u],
  ['Hangul', /\p{Script=Hangul}/u],
  ['Bopomofo', /\p{Script=Bopomofo}/u],
  ['Armenian', /\p{Script=Armenian}/u],
  ['Cherokee', /\p{Script=Cherokee}/u],
];
const LETTER = /\p{L}/u;

/** Scripts UTS #39 lets a label combine (its "highly restrictive" level): Latin with CJK only. */
const ALLOWED_MIXES: ReadonlyArray<ReadonlySet<string>> = [
  new Set(['Latin', 'Han', 'Hiragana', 'Katakana']),
  new Set(['Latin', 'Han', 'Bopomofo']),
  new Set(['Latin', 'Han', 'Hangul']),
];

/** Whether one label's letters come from scripts that do not belong together (one regex per character). */
export function mixesScripts(label: string): boolean {
  const seen = new Set<string>();
  for (const ch of label) {
    if (ch < '\u0080') {
      if (/[a-zA-Z]/.test(ch)) seen.add('Latin');
      continue;
    }
    if (!LETTER.test(ch)) continue;
    seen.add(SCRIPTS.find(([, re]) => re.test(ch))?.[0] ?? `other:${ch.codePointAt(0)}`);
  }
  if (seen.size <= 1) return false;
  return !ALLOWED_MIXES.some((mix) => [...seen].every((s) => mix.has(s)));
}

/** Refuses the first hostile character, in the order a person is best told about it. */
function refuseCharacters(text: string): void {
  for (const ch of text) {
    if (isSpace(ch)) throw new AddressInvalidError('WHITESPACE');
    if (isInvisible(ch.codePointAt(0) as number)) throw new AddressInvalidError('INVISIBLE_CHARACTER');
    if (ch === '"') throw new AddressInvalidError('QUOTED');
    if (ch === '(' || ch === ')') throw new AddressInvalidError('COMMENT');
  }
}

function checkLocal(local: string): void {
  if (local.length === 0 || local.length > MAX_LOCAL) throw new AddressInvalidError('LOCAL_INVALID');
  for (const c of local) {
    if (c >= '\u0080') throw new AddressInvalidError('NON_ASCII_LOCAL');
    if (c !== '.' && !isAtext(c))
      throw new AddressInvalidError('\\<>[],;:'.includes(c) ? 'SPECIAL_CHARACTER' : 'LOCAL_INVALID');
  }
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..'))
    throw new AddressInvalidError('LOCAL_INVALID');
}

function checkDomain(domain: string): string {
  if (domain.startsWith('[')) throw new AddressInvalidError('DOMAIN_LITERAL');
  for (const c of domain) if ('\\<>[],;:'.includes(c)) throw new AddressInvalidError('SPECIAL_CHARACTER');
  // Label by label in the typed form: full stops of other scripts (。．｡) split labels as UTS #46 does.
  for (const label of domain.split(/[.\u3002\uff0e\uff61]/)) {
    if (label.length > 4 * 63) throw new AddressInvalidError('DOMAIN_INVALID');
    if (mixesScripts(label)) throw new AddressInvalidError('MIXED_SCRIPT');
  }
  const ascii = canonicalDomain(domain);
  if (ascii === undefined) throw new AddressInvalidError('DOMAIN_INVALID');
  return ascii;
}

/** Checks and normalises an address from outside; throws AddressInvalidError with the reason. */
export function normaliseAddress(input: unknown): NormalisedAddress {
  if (typeof input !== 'string') throw new AddressInvalidError('NOT_A_STRING');
  if (!addressInputSchema.safeParse(input).success) throw new AddressInvalidError('TOO_LONG');
  const text = input.trim();
  if (text.length === 0) throw new AddressInvalidError('EMPTY');
  if (text.length > MAX_ADDRESS) throw new AddressInvalidError('TOO_LONG');
  refuseCharacters(text);
  const at = text.indexOf('@');
  if (at < 0 || at !== text.lastIndexOf('@')) throw new AddressInvalidError('AT_SIGN');
  const local = text.slice(0, at);
  checkLocal(local);
  const domain = checkDomain(text.slice(at + 1));
  const address = `${local}@${domain}`;
  if (address.length > MAX_ADDRESS) throw new AddressInvalidError('TOO_LONG');
  return { address, local, domain, key: `${local.toLowerCase()}@${domain}` };
}
