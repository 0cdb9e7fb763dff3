// Realistic values per observable type, made from the observable's index (so each is unique) and its
// draw (so the rest varies). A small share are the edge cases feeds really carry: defanged values,
// internationalised names, host:port and query-only URLs, upper case, private and reserved ranges,
// invalid addresses, URLs with spaces and oversized values. They are what a client must cope with.
import { domainToASCII } from 'node:url';
import type { Draw } from '../../shared/draw.js';
import { cyrillicWord, word } from './words.js';

export type GeneratedType =
  | 'IP4'
  | 'IP6'
  | 'URL'
  | 'DOMAIN'
  | 'EMAIL_ADDRESS'
  | 'MD5'
  | 'SHA1'
  | 'SHA256'
  | 'CIDR_BLOCK'
  | 'SOFTWARE';

/** Types in the corpus with their shares, roughly what a sharing community's enclave holds. */
export const TYPE_WEIGHTS: ReadonlyArray<readonly [GeneratedType, number]> = [
  ['URL', 24],
  ['DOMAIN', 20],
  ['IP4', 18],
  ['SHA256', 12],
  ['EMAIL_ADDRESS', 7],
  ['MD5', 6],
  ['SHA1', 5],
  ['IP6', 3],
  ['CIDR_BLOCK', 3],
  ['SOFTWARE', 2],
];

/** Share of values that are edge cases rather than plain ones. */
export const EDGE_SHARE = 0.04;

const TLDS = ['com', 'net', 'org', 'info', 'xyz', 'top', 'ru', 'io', 'co.uk', 'com.br', 'online', 'site'];
const PREFIXES = ['', '', '', 'login-', 'secure-', 'update-', 'cdn-', 'mail-', 'account-', 'verify-'];
const PATHS = ['owa/auth.php', 'wp-admin/inc.php', 'invoice/view', 'dl/payload.bin', 'a/b/c', 'index.html'];
const IP_OCTETS = [23, 31, 45, 62, 77, 91, 103, 109, 141, 146, 176, 185, 193, 194, 212, 217];
const CIDR_OCTETS = [5, 37, 46, 80, 82, 89, 92, 95, 104, 151, 162, 178, 188, 195, 198, 213];
const FIRST_NAMES = ['payroll', 'it-support', 'ceo', 'invoice', 'hr', 'noreply', 'billing', 'security'];
const FILE_EXTS = ['exe', 'dll', 'js', 'hta', 'docm', 'ps1', 'lnk', 'iso'];

/** A bijection of [0, 2^16): odd multiplier modulo 2^16, so addresses do not look sequential. */
const perm16 = (n: number) => (Math.imul(n, 40_503) + 7_919) & 0xffff;

/** Host name for index i: a prefix, the index's word, a TLD. */
function host(i: number, d: Draw): string {
  return `${d.pick(PREFIXES)}${word(i)}.${d.pick(TLDS)}`;
}

function ip4(i: number, d: Draw): string {
  const p = perm16(i & 0xffff);
  // The first octet mixes the index's high bits with p's low ones: still one address per index.
  return `${IP_OCTETS[((i >>> 16) ^ p) & 15]}.${p >>> 8}.${p & 255}.${1 + d.below(254)}`;
}

function ip6(i: number, d: Draw): string {
  return `2a0${1 + d.below(9)}:${d.hex(2)}:${(i >>> 16).toString(16)}:${(i & 0xffff).toString(16)}::${d.hex(2)}`;
}

function plain(type: GeneratedType, i: number, d: Draw): string {
  switch (type) {
    case 'IP4':
      return ip4(i, d);
    case 'IP6':
      return ip6(i, d);
    case 'DOMAIN':
      return host(i, d);
    case 'URL':
      return `${d.pick(['https', 'http'])}://${host(i, d)}/${d.pick(PATHS)}`;
    case 'EMAIL_ADDRESS':
      return `${d.pick(FIRST_NAMES)}.${word(i)}@${word(d.below(5000))}-mail.${d.pick(TLDS)}`;
    case 'MD5':
      return d.hex(16);
    case 'SHA1':
      return d.hex(20);
    case 'SHA256':
      return d.hex(32);
    case 'CIDR_BLOCK':
      return `${CIDR_OCTETS[((i >>> 16) ^ i) & 15]}.${(i >>> 8) & 255}.${i & 255}.0/24`;
    case 'SOFTWARE':
      return `${word(i)}_${d.below(10_000)}.${d.pick(FILE_EXTS)}`;
  }
}

/** The edge cases of each type; every one still carries the index's word or address, so stays unique. */
function edge(type: GeneratedType, i: number, d: Draw): string {
  const h = host(i, d);
  const defanged = h.replaceAll('.', '[.]');
  switch (type) {
    case 'URL':
      return d.pick([
        `hxxp://${h}/`,
        `hxxps://${defanged}/${d.pick(PATHS)}`,
        `http://${h}`,
        `https://${h}:8443/`,
        `${h}?id=${d.below(1000)}`,
        `${ip4(i, d)}:8080`,
        `HTTPS://${h.toUpperCase()}/`,
        `ftp://files.${h}/`,
        `https://${cyrillicWord(i)}.рф/${d.pick(PATHS)}`,
        `http://${h}/a path with spaces`,
        `https://${h}/${'x'.repeat(3000)}`,
        `https://${h}/#frag`,
      ]);
    case 'DOMAIN':
      return d.pick([
        defanged,
        `${cyrillicWord(i)}.рф`,
        `${h}.`,
        h.toUpperCase(),
        domainToASCII(`${cyrillicWord(i)}.рф`),
      ]);
    case 'IP4': {
      const p = perm16(i & 0xffff);
      return d.pick([
        `10.${(i >>> 16) & 15}.${p >>> 8}.${p & 255}`,
        `100.${64 + ((i >>> 16) & 15)}.${p >>> 8}.${p & 255}`,
        `999.${p >>> 8}.${p & 255}.${(i >>> 16) & 15}`,
        ip4(i, d).replaceAll('.', '[.]'),
      ]);
    }
    case 'EMAIL_ADDRESS':
      return d.pick([
        `${word(i)}[@]${defanged}`,
        `${word(i)}@${cyrillicWord(i)}.рф`,
        `${word(i)}@${h}`.toUpperCase(),
      ]);
    case 'SHA256':
    case 'SHA1':
    case 'MD5':
      // Upper case, or wrong length (a truncated copy and paste).
      return d.chance(0.5) ? plain(type, i, d).toUpperCase() : plain(type, i, d).slice(0, -3);
    default:
      return plain(type, i, d);
  }
}

export function generateValue(type: GeneratedType, i: number, d: Draw): string {
  return d.chance(EDGE_SHARE) ? edge(type, i, d) : plain(type, i, d);
}
