// Graph's rules for a user's userPrincipalName and mailNickname, checked before any call so a
// person reads a precise reason instead of Graph's "Property userPrincipalName is invalid".
// https://learn.microsoft.com/graph/api/user-post-users (UPN: alias@domain, A-Z a-z 0-9 ' . - _ ! # ^ ~,
// no dot before the @, 64 characters before it, 48 after it, 113 in all) and the user resource's
// mailNickname (64 characters, none of @ ( ) \ [ ] " ; : < > , or space).
import { UpnInvalidError, type UpnRule } from '../errors.js';
import { MAX_ACCOUNT_NAME } from './transliterate.js';

export const MAX_UPN = 113;
export const MAX_UPN_DOMAIN = 48;

const isUpnLocalChar = (c: string): boolean =>
  (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "'.-_!#^~".includes(c);

/** Printable ASCII without the characters Graph names as forbidden in a mailNickname. */
const isNicknameChar = (c: string): boolean => c >= '!' && c <= '~' && !'@()\\[]";:<>,'.includes(c);

const DOMAIN_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** What is wrong with a UPN domain (lower-case ASCII, punycode for IDNs), or undefined. */
export function upnDomainProblem(domain: string): UpnRule | undefined {
  if (domain.length > MAX_UPN_DOMAIN) return 'DOMAIN_TOO_LONG';
  const labels = domain.split('.');
  if (labels.length < 2) return 'DOMAIN_INVALID';
  for (const label of labels) if (!DOMAIN_LABEL.test(label)) return 'DOMAIN_INVALID';
  return undefined;
}

/** The dot rules shared by both: none at either end, never two in a row. */
function dotProblem(s: string): UpnRule | undefined {
  if (s.startsWith('.') || s.endsWith('.')) return 'DOT_AT_END';
  if (s.includes('..')) return 'DOUBLE_DOT';
  return undefined;
}

export function mailNicknameProblem(nickname: string): UpnRule | undefined {
  if (nickname.length === 0) return 'LOCAL_EMPTY';
  if (nickname.length > MAX_ACCOUNT_NAME) return 'LOCAL_TOO_LONG';
  for (const c of nickname) if (!isNicknameChar(c)) return 'CHARACTER';
  return dotProblem(nickname);
}

export function upnProblem(upn: string): UpnRule | undefined {
  if (upn.length > MAX_UPN) return 'TOTAL_TOO_LONG';
  const at = upn.indexOf('@');
  if (at < 0 || at !== upn.lastIndexOf('@')) return 'CHARACTER';
  const local = upn.slice(0, at);
  if (local.length === 0) return 'LOCAL_EMPTY';
  if (local.length > MAX_ACCOUNT_NAME) return 'LOCAL_TOO_LONG';
  for (const c of local) if (!isUpnLocalChar(c)) return 'CHARACTER';
  return dotProblem(local) ?? upnDomainProblem(upn.slice(at + 1));
}

/** Throws UpnInvalidError naming the rule; for a UPN an administrator types or a CSV row holds. */
export function assertUpn(upn: string): void {
  const rule = upnProblem(upn);
  if (rule) throw new UpnInvalidError(rule, rule.startsWith('DOMAIN') ? 'domain' : 'userPrincipalName');
}

export function assertMailNickname(nickname: string): void {
  const rule = mailNicknameProblem(nickname);
  if (rule) throw new UpnInvalidError(rule, 'mailNickname');
}
