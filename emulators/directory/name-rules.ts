// The directory's rules for names and passwords, as documented, checked in one pass per value (input is
// hostile: no backtracking patterns). https://learn.microsoft.com/graph/api/resources/user#properties
// https://learn.microsoft.com/graph/api/group-post-groups#request-body
// https://learn.microsoft.com/entra/identity/authentication/concept-sspr-policy#password-policies-that-only-apply-to-cloud-user-accounts

/** mailNickname: at most 64 ASCII characters, none of @ ( ) \ [ ] " ; : < > , or space (nor controls). */
export function isValidMailNickname(value: unknown): boolean {
  if (typeof value !== 'string' || value.length < 1 || value.length > 64) return false;
  for (const ch of value) {
    const code = ch.charCodeAt(0);
    if (code <= 0x20 || code >= 0x7f || '@()\\[]";:<>,'.includes(ch)) return false;
  }
  return true;
}

const UPN_ALIAS_CHARS = "'.-_!#^~";

/**
 * userPrincipalName: alias@domain; the alias of A-Z a-z 0-9 ' . - _ ! # ^ ~ (no accents), at most 64
 * characters and not ending in a dot; the domain at most 48; the whole at most 113.
 */
export function isValidUpn(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 113) return false;
  const at = value.indexOf('@');
  if (at < 1 || at !== value.lastIndexOf('@')) return false;
  const alias = value.slice(0, at);
  const domain = value.slice(at + 1);
  if (alias.length > 64 || alias.endsWith('.') || alias.startsWith('.')) return false;
  if (domain.length < 3 || domain.length > 48 || !domain.includes('.')) return false;
  for (const ch of alias) if (!isAsciiAlnum(ch) && !UPN_ALIAS_CHARS.includes(ch)) return false;
  for (const ch of domain) if (!isAsciiAlnum(ch) && ch !== '.' && ch !== '-') return false;
  return true;
}

/** The domain part of a valid userPrincipalName. */
export function upnDomain(upn: string): string {
  return upn.slice(upn.indexOf('@') + 1).toLowerCase();
}

const PASSWORD_SYMBOLS = '@#$%^&*-_!+=[]{}|\\:\',.?/`~"();<> ';

/** Cloud password policy: 8-256 characters of the allowed set, with three of the four classes. */
export function isComplexPassword(value: unknown): boolean {
  if (typeof value !== 'string' || value.length < 8 || value.length > 256) return false;
  let upper = 0;
  let lower = 0;
  let digit = 0;
  let symbol = 0;
  for (const ch of value) {
    if (ch >= 'A' && ch <= 'Z') upper = 1;
    else if (ch >= 'a' && ch <= 'z') lower = 1;
    else if (ch >= '0' && ch <= '9') digit = 1;
    else if (PASSWORD_SYMBOLS.includes(ch)) symbol = 1;
    else return false;
  }
  return upper + lower + digit + symbol >= 3;
}

/** usageLocation: an ISO 3166 two-letter code. */
export function isValidUsageLocation(value: unknown): boolean {
  return (
    typeof value === 'string' &&
    value.length === 2 &&
    value.toUpperCase() === value &&
    /^[A-Z]{2}$/.test(value)
  );
}

function isAsciiAlnum(ch: string): boolean {
  return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
}
