// The naming policy for groups people ask for, after Microsoft 365's own (prefix and suffix with the
// requester's directory attributes, blocked words): the requested name is cleaned and checked, the
// prefix and suffix are filled in, the whole is held to the length limits, and the mailNickname is
// made from it with the same transliteration as account names (`Physik – Übung` → `physik-uebung`).
// Microsoft 365 and security groups each have a policy of their own in the configuration.
import { z } from 'zod';
import { AccountsConfigError, GroupNameError } from '../errors.js';
import { hasInvisible } from './invisible.js';
import { MAX_ACCOUNT_NAME, transliterate } from './transliterate.js';
import { mailNicknameProblem } from './upn-rules.js';

export const GROUP_KINDS = ['m365', 'security'] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];

/** The requester's directory attributes a prefix or suffix may use, as Microsoft's policy offers them. */
export const GROUP_ATTRIBUTES = [
  'department',
  'company',
  'office',
  'title',
  'countryOrRegion',
  'stateOrProvince',
] as const;
export type GroupAttribute = (typeof GROUP_ATTRIBUTES)[number];
export type GroupAttributes = Partial<Record<GroupAttribute, string | null | undefined>>;

/** Graph's displayName holds 256 characters. */
export const MAX_GROUP_NAME = 256;
/** An attribute's value is cut to this many characters inside a name. */
const MAX_ATTRIBUTE = 64;

export interface GroupNamingPolicy {
  readonly prefix: string;
  readonly suffix: string;
  readonly blockedWords: readonly string[];
  /** Of the requested part alone. */
  readonly minLength: number;
  /** Of the whole name, prefix and suffix included. */
  readonly maxLength: number;
}

type Part = { literal: string } | { attribute: GroupAttribute };

export interface CompiledGroupNaming {
  readonly prefix: readonly Part[];
  readonly suffix: readonly Part[];
  readonly blockedWords: ReadonlySet<string>;
  /** Blocked entries of several words, as their words joined by one space. */
  readonly blockedPhrases: readonly string[];
  readonly minLength: number;
  readonly maxLength: number;
}

/** Words in a comparable form: case folded, accents dropped (`Schei§e` and `SCHEISSE` are one word). */
const words = (text: string): string[] =>
  text
    .slice(0, MAX_GROUP_NAME * 4)
    .split(/[^\p{L}\p{N}]+/u)
    .map((w) => transliterate(w, { umlauts: 'drop', maxLength: MAX_GROUP_NAME }))
    .filter((w) => w !== '');

function parseAffix(text: string, where: string): Part[] {
  const parts: Part[] = [];
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('{', i);
    if (open < 0) {
      parts.push({ literal: text.slice(i) });
      break;
    }
    if (open > i) parts.push({ literal: text.slice(i, open) });
    const close = text.indexOf('}', open);
    const name = close < 0 ? '' : text.slice(open + 1, close);
    if (!(GROUP_ATTRIBUTES as readonly string[]).includes(name))
      throw new AccountsConfigError([
        `${where} ${JSON.stringify(text)}: {${name}} is no attribute (known: ${GROUP_ATTRIBUTES.join(', ')})`,
      ]);
    parts.push({ attribute: name as GroupAttribute });
    i = close + 1;
  }
  return parts;
}

export function compileGroupNaming(policy: GroupNamingPolicy): CompiledGroupNaming {
  const single = new Set<string>();
  const phrases: string[] = [];
  for (const entry of policy.blockedWords) {
    const w = words(entry);
    if (w.length === 1) single.add(w[0] as string);
    else if (w.length > 1) phrases.push(w.join(' '));
  }
  return Object.freeze({
    prefix: parseAffix(policy.prefix, 'prefix'),
    suffix: parseAffix(policy.suffix, 'suffix'),
    blockedWords: single,
    blockedPhrases: phrases,
    minLength: policy.minLength,
    maxLength: policy.maxLength,
  });
}

/** The requested name as typed, bounded at the edge. */
export const groupNameInputSchema = z.string().max(MAX_GROUP_NAME * 4);

/** Trimmed, NFC, whitespace runs as one space; refuses invisible characters. */
function cleanRequested(input: unknown): string {
  const parsed = groupNameInputSchema.safeParse(input);
  if (!parsed.success) throw new GroupNameError(typeof input === 'string' ? 'TOO_LONG' : 'EMPTY');
  if (hasInvisible(parsed.data)) throw new GroupNameError('INVISIBLE_CHARACTER');
  return parsed.data.normalize('NFC').trim().split(/\s+/u).join(' ');
}

function fill(parts: readonly Part[], attributes: GroupAttributes): string {
  let out = '';
  for (const part of parts) {
    if ('literal' in part) {
      out += part.literal;
      continue;
    }
    const raw = attributes[part.attribute];
    const value = typeof raw === 'string' && !hasInvisible(raw) ? raw.trim().slice(0, MAX_ATTRIBUTE) : '';
    // A prefix without its attribute would put every such group under one name: refuse, say which.
    if (value === '') throw new GroupNameError('ATTRIBUTE_MISSING', part.attribute);
    out += value;
  }
  return out;
}

export interface GroupName {
  readonly displayName: string;
  readonly mailNickname: string;
}

/** The group's displayName and mailNickname under the policy; throws GroupNameError with the reason. */
export function applyGroupNaming(
  requested: unknown,
  attributes: GroupAttributes,
  policy: CompiledGroupNaming,
): GroupName {
  const name = cleanRequested(requested);
  if (name === '') throw new GroupNameError('EMPTY');
  if (name.length < policy.minLength) throw new GroupNameError('TOO_SHORT');
  const requestedWords = words(name);
  const blocked = requestedWords.find((w) => policy.blockedWords.has(w));
  if (blocked !== undefined) throw new GroupNameError('BLOCKED_WORD', blocked);
  const joined = ` ${requestedWords.join(' ')} `;
  const phrase = policy.blockedPhrases.find((p) => joined.includes(` ${p} `));
  if (phrase !== undefined) throw new GroupNameError('BLOCKED_WORD', phrase);
  const displayName = fill(policy.prefix, attributes) + name + fill(policy.suffix, attributes);
  if (displayName.length > Math.min(policy.maxLength, MAX_GROUP_NAME)) throw new GroupNameError('TOO_LONG');
  const mailNickname = transliterate(displayName, { separator: '-', maxLength: MAX_ACCOUNT_NAME });
  if (mailNickname === '' || mailNicknameProblem(mailNickname)) throw new GroupNameError('NO_MAIL_NICKNAME');
  return { displayName, mailNickname };
}
