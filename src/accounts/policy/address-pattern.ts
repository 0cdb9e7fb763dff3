// Address patterns of a template as globs, `st*@stud.example.edu` or `*.*@staff.example.edu`:
// `*` is any run of characters (none included) and `?` one character, within the local part or the
// domain (neither crosses the @); every other character is itself; comparison ignores case.
//
// Why not regular expressions: a pattern from the configuration would run on every address a
// stranger types, and a regex like `(a+)+@x` backtracks for minutes on a crafted 30-character input.
// Checking regexes for that is unreliable; a glob cannot express it. A glob is matched by a two-pointer
// walk that falls back only to the last `*`, so its cost is at most the address length times the
// pattern length (254 × 128), and a pattern is compiled once, when the configuration loads.
import { AddressPatternError } from '../errors.js';
import { canonicalDomain } from '../../platform/domain-name.js';
import type { NormalisedAddress } from './address.js';
import { hasInvisible } from './invisible.js';

export const MAX_PATTERN = 128;
export const MAX_STARS = 4;

export interface AddressPattern {
  readonly source: string;
  /** Lower-case glob of the local part. */
  readonly local: string;
  /** Lower-case glob of the domain, in punycode when it has no wildcard. */
  readonly domain: string;
}

const LOCAL_GLOB = /^[a-z0-9!#$%&'+\-/=^_`{|}~.*?]+$/;
const DOMAIN_GLOB = /^[a-z0-9.\-*?]+$/;

export function compileAddressPattern(source: string): AddressPattern {
  const fail = (problem: string) => new AddressPatternError(source, problem);
  if (source.length === 0 || source.length > MAX_PATTERN)
    throw fail(`must be 1 to ${MAX_PATTERN} characters`);
  if (hasInvisible(source) || /\s/u.test(source)) throw fail('holds whitespace or invisible characters');
  const at = source.indexOf('@');
  if (at <= 0 || at !== source.lastIndexOf('@') || at === source.length - 1)
    throw fail('needs exactly one @ with something on each side');
  let stars = 0;
  for (const c of source) if (c === '*') stars++;
  if (stars > MAX_STARS) throw fail(`has more than ${MAX_STARS} *`);
  // No address holds these; a pattern with them was written as a regular expression.
  if (/[[\]()\\]/.test(source) || source.includes('**'))
    throw fail('looks like a regular expression; write a glob with * and ? only');
  const local = source.slice(0, at).toLowerCase();
  if (!LOCAL_GLOB.test(local)) throw fail('the part before the @ holds a character no address can');
  const typedDomain = source.slice(at + 1);
  let domain: string | undefined;
  if (/[*?]/.test(typedDomain)) {
    domain = typedDomain.toLowerCase();
    if (!DOMAIN_GLOB.test(domain))
      throw fail('a domain with wildcards must be ASCII letters, digits, . and -');
  } else {
    domain = canonicalDomain(typedDomain);
    if (domain === undefined) throw fail('the domain is not a valid domain name');
  }
  return Object.freeze({ source, local, domain });
}

/** Whole-string glob match; `text` and `glob` lower-case. At most text × glob steps. */
export function globMatches(glob: string, text: string): boolean {
  let g = 0;
  let t = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    const c = glob[g];
    if (c === '*') {
      star = g++;
      resume = t;
    } else if (c !== undefined && (c === '?' || c === text[t])) {
      g++;
      t++;
    } else if (star >= 0) {
      g = star + 1;
      t = ++resume;
    } else return false;
  }
  while (glob[g] === '*') g++;
  return g === glob.length;
}

export const addressMatches = (pattern: AddressPattern, address: NormalisedAddress): boolean =>
  globMatches(pattern.domain, address.domain) &&
  globMatches(pattern.local, address.key.slice(0, address.local.length));
