// Generated indicator patterns: mostly one comparison of a type the sinks hold, some OR-joined,
// some compound (AND), some of a type no sink holds, and some not STIX at all (pattern_type sigma).
import type { Draw } from '../../shared/draw.js';

export type PatternKind = 'single' | 'or' | 'and' | 'unsupported' | 'sigma';

/** Out of 100: the share of each kind. */
const KINDS: Array<[PatternKind, number]> = [
  ['single', 75],
  ['or', 10],
  ['and', 7],
  ['unsupported', 5],
  ['sigma', 3],
];

const VALUE_KINDS = [
  'ipv4',
  'ipv6',
  'cidr',
  'domain',
  'url',
  'email',
  'md5',
  'sha1',
  'sha256',
  'file',
] as const;
type ValueKind = (typeof VALUE_KINDS)[number];

const esc = (v: string) => `'${v.replace(/[\\']/g, (c) => `\\${c}`)}'`;

/** One comparison for value kind `k` of object `i`; `n` tells apart the comparisons of one pattern. */
function comparison(k: ValueKind, i: number, n: number, d: Draw): string {
  const host = `c2-${i.toString(36)}${n > 0 ? `-${n}` : ''}.${d.pick(['example', 'example.net', 'badguy.example'])}`;
  switch (k) {
    case 'ipv4':
      return `ipv4-addr:value = ${esc(`${23 + ((i >> 14) & 0x3f)}.${(i >> 6) & 255}.${((i & 63) << 2) | (n & 3)}.${1 + d.below(254)}`)}`;
    case 'ipv6':
      return `ipv6-addr:value = ${esc(`2001:db8:${(i >> 16).toString(16)}:${(i & 0xffff).toString(16)}::${(n + 1).toString(16)}`)}`;
    case 'cidr':
      return `ipv4-addr:value = ${esc(`198.${(i >> 8) & 255}.${i & 255}.${n * 16}/28`)}`;
    case 'domain':
      return `domain-name:value = ${esc(host)}`;
    case 'url':
      return `url:value = ${esc(`https://${host}/login/${d.hex(4)}?id=${i}`)}`;
    case 'email':
      return `email-addr:value = ${esc(`billing${i}.${n}@${host}`)}`;
    case 'md5':
      return `file:hashes.${d.pick(['MD5', "'MD5'"])} = ${esc(d.hex(16))}`;
    case 'sha1':
      return `file:hashes.'SHA-1' = ${esc(d.hex(20))}`;
    case 'sha256':
      return `file:hashes.'SHA-256' = ${esc(d.hex(32))}`;
    case 'file':
      return `file:name = ${esc(`invoice-${i}${n > 0 ? `-${n}` : ''}.exe`)}`;
  }
}

export interface GeneratedPattern {
  kind: PatternKind;
  pattern: string;
  patternType: string;
}

export function generatePattern(i: number, d: Draw): GeneratedPattern {
  let roll = d.below(100);
  let kind: PatternKind = 'single';
  for (const [k, share] of KINDS) {
    if (roll < share) {
      kind = k;
      break;
    }
    roll -= share;
  }
  const pick = () => d.pick(VALUE_KINDS);
  switch (kind) {
    case 'single':
      return { kind, pattern: `[${comparison(pick(), i, 0, d)}]`, patternType: 'stix' };
    case 'or': {
      const parts = Array.from({ length: 2 + d.below(2) }, (_, n) => comparison(pick(), i, n, d));
      // Half join inside one observation, half between observations.
      const pattern = d.chance(0.5) ? `[${parts.join(' OR ')}]` : parts.map((p) => `[${p}]`).join(' OR ');
      return { kind, pattern, patternType: 'stix' };
    }
    case 'and':
      return {
        kind,
        pattern: `[${comparison('sha256', i, 0, d)} AND ${comparison('file', i, 1, d)}]`,
        patternType: 'stix',
      };
    case 'unsupported':
      return {
        kind,
        pattern: `[windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\\\Software\\\\Run\\\\upd${i}']`,
        patternType: 'stix',
      };
    case 'sigma':
      return { kind, pattern: `title: suspicious process ${i}\ndetection: {}`, patternType: 'sigma' };
  }
}
