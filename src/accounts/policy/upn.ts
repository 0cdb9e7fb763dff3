// A new account's userPrincipalName and mailNickname from a person's name and their template, and
// the first free one of its numbered candidates. Pure but for the `isTaken` lookup the caller hands
// in (the directory), so the provisioning job can record the UPN it chose before it creates the user.
//
// Why `anna.mueller2` and not the seed's `anna.mueller.2`: the number is appended to the name as it
// is, so it fits every pattern (`amueller2` has no dot to put one after) and a name cut to 64
// characters never ends in a separator before it; and a dotted number reads as a separate part of a
// name, which is what the seed's twins looked like: the seed retried a half-finished creation and
// got `first.last.2` for a person who already had `first.last`. Here a number only ever answers a
// different person holding the name: the job stores the chosen UPN before POST /users and reuses it
// on every retry, so a crash never moves anyone to the next number.
import { z } from 'zod';
import { NameUnusableError, PolicyBrokenError, UpnExhaustedError, UpnInvalidError } from '../errors.js';
import { mailNicknameProblem, MAX_UPN, upnDomainProblem, upnProblem } from './upn-rules.js';
import { isSeparator, type UpnPattern } from './upn-pattern.js';
import { initialOf, MAX_ACCOUNT_NAME, transliterate, type UmlautStyle } from './transliterate.js';

/** The template's part: where accounts go and how their names are made. */
export interface UpnTemplate {
  /** A verified domain of the tenant, lower-case ASCII (punycode). */
  readonly domain: string;
  readonly pattern: UpnPattern;
  readonly umlauts?: UmlautStyle;
}

/** A person's names as they typed them; cut and cleaned by transliteration, never trusted. */
export const personNameSchema = z.object({
  given: z.string().max(4096),
  surname: z.string().max(4096),
});
export type PersonName = z.infer<typeof personNameSchema>;

export interface AccountName {
  readonly upn: string;
  readonly mailNickname: string;
}

/** Most characters before the @ this domain leaves room for (64, or fewer for a long domain). */
export const maxLocalLength = (domain: string): number =>
  Math.min(MAX_ACCOUNT_NAME, MAX_UPN - 1 - domain.length);

/** Runs of separators become their first, and none stays at either end (`.mueller` → `mueller`). */
function tidySeparators(s: string): string {
  let out = '';
  for (const c of s) {
    if (isSeparator(c) && (out.length === 0 || isSeparator(out[out.length - 1]))) continue;
    out += c;
  }
  while (isSeparator(out[out.length - 1])) out = out.slice(0, -1);
  return out;
}

/**
 * The local part before any number: the pattern filled with the transliterated names. One empty name
 * is fine (people with one name); a pattern left without letters or digits is NAME_UNUSABLE.
 */
export function baseLocalPart(name: PersonName, template: UpnTemplate): string {
  const options = { umlauts: template.umlauts ?? 'expand' } as const;
  const values: Record<string, string> = {
    given: transliterate(name.given, options),
    surname: transliterate(name.surname, options),
    initial: initialOf(name.given, options),
    surnameInitial: initialOf(name.surname, options),
  };
  let filled = '';
  for (const part of template.pattern.parts)
    filled += 'literal' in part ? part.literal : (values[part.placeholder] ?? '');
  const local = tidySeparators(filled).slice(0, maxLocalLength(template.domain));
  const tidy = tidySeparators(local);
  if (!/[a-z0-9]/.test(tidy)) {
    const field =
      values.given === '' && values.surname === '' ? 'name' : values.surname === '' ? 'surname' : 'given';
    const blank = name.given.trim() === '' && name.surname.trim() === '';
    throw new NameUnusableError(field, blank ? 'EMPTY' : 'NO_LATIN_LETTERS');
  }
  return tidy;
}

/** The UPN and mailNickname of one local part, both checked against Graph's rules. */
export function accountName(local: string, domain: string): AccountName {
  const upn = `${local}@${domain}`;
  const rule = upnProblem(upn) ?? mailNicknameProblem(local);
  // Built names hold only [a-z0-9._-] tidied and cut, so a broken one is our bug, not the person's.
  if (rule) throw new PolicyBrokenError(`built ${rule} for a ${local.length}-character name at ${domain}`);
  return { upn, mailNickname: local };
}

/**
 * `base`, `base2`, `base3` … up to `maxTries` names, each cut so that the number fits within
 * `maxLocal` (a cut never leaves a separator before the number), none twice.
 */
export function* candidates(base: string, maxTries: number, maxLocal = MAX_ACCOUNT_NAME): Generator<string> {
  const seen = new Set<string>();
  for (let n = 1; n <= maxTries; n++) {
    const suffix = n === 1 ? '' : String(n);
    let stem = base.slice(0, Math.max(0, maxLocal - suffix.length));
    while (isSeparator(stem[stem.length - 1])) stem = stem.slice(0, -1);
    const name = stem + suffix;
    if (stem === '' || seen.has(name)) continue;
    seen.add(name);
    yield name;
  }
}

export interface FreeUpnOptions {
  /** Candidates tried at most; each is one directory lookup. */
  maxTries?: number;
  signal?: AbortSignal;
}

export const DEFAULT_UPN_TRIES = 50;

/**
 * The first candidate `isTaken` says is free. Lookups run one after another (each is a Graph call,
 * and the first is free for most people); `isTaken` errors propagate untouched, since an outage is
 * not a taken name. Throws UpnExhaustedError when all `maxTries` are taken.
 */
export async function firstFreeAccountName(
  name: PersonName,
  template: UpnTemplate,
  isTaken: (upn: string) => Promise<boolean>,
  options: FreeUpnOptions = {},
): Promise<AccountName & { readonly tries: number }> {
  const maxTries = options.maxTries ?? DEFAULT_UPN_TRIES;
  const domainRule = upnDomainProblem(template.domain);
  if (domainRule) throw new UpnInvalidError(domainRule, 'domain');
  const base = baseLocalPart(name, template);
  let tries = 0;
  for (const local of candidates(base, maxTries, maxLocalLength(template.domain))) {
    options.signal?.throwIfAborted();
    tries++;
    const candidate = accountName(local, template.domain);
    if (!(await isTaken(candidate.upn))) return { ...candidate, tries };
  }
  throw new UpnExhaustedError(`${base}@${template.domain}`, tries);
}

/** What the request page shows while a person types: the name they will most likely get. */
export type UpnPreview =
  | { readonly ok: true; readonly upn: string; readonly mailNickname: string }
  | { readonly ok: false; readonly code: string; readonly reason: string };

/**
 * The first candidate, without asking the directory (a public page must not reveal who holds a
 * name); the page says a number may be added. A name without usable letters gives ok: false with the
 * error's code and reason for the page to translate (NOT_TEXT: not two strings of at most 4,096).
 */
export function previewAccountName(input: unknown, template: UpnTemplate): UpnPreview {
  const parsed = personNameSchema.safeParse(input);
  if (!parsed.success)
    return { ok: false, code: new NameUnusableError('name', 'NOT_TEXT').code, reason: 'NOT_TEXT' };
  try {
    return { ok: true, ...accountName(baseLocalPart(parsed.data, template), template.domain) };
  } catch (e) {
    if (e instanceof NameUnusableError) return { ok: false, code: e.code, reason: e.reason };
    throw e;
  }
}
