// STIX 2.1 patterns of one comparison each (reference §5): Sentinel fills ObservableKey and
// ObservableValue only for single comparisons and mis-parses compound ones (Azure-Sentinel#12075).
// String literals are single-quoted with backslash and quote escaped (STIX 2.1 §9.2).
import type { IndicatorType } from '../model/types.js';

/** The object path each type compares; hash algorithm names as the STIX vocabulary spells them. */
const PATHS: Readonly<Record<IndicatorType, (value: string) => string>> = {
  ipv4: () => 'ipv4-addr:value',
  ipv6: () => 'ipv6-addr:value',
  cidr: (v) => (v.includes(':') ? 'ipv6-addr:value' : 'ipv4-addr:value'),
  domain: () => 'domain-name:value',
  url: () => 'url:value',
  email: () => 'email-addr:value',
  md5: () => 'file:hashes.MD5',
  sha1: () => "file:hashes.'SHA-1'",
  sha256: () => "file:hashes.'SHA-256'",
  'file-name': () => 'file:name',
};

/** A STIX string literal: `\` and `'` escaped, nothing else (a pattern has no other escapes). */
export const stixString = (value: string): string => `'${value.replace(/[\\']/g, (c) => `\\${c}`)}'`;

export const stixPattern = (type: IndicatorType, value: string): string =>
  `[${PATHS[type](value)} = ${stixString(value)}]`;
