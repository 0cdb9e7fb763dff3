// Text the converters show in a sink: names, titles and descriptions, within each sink's limits,
// and timestamps in the ISO 8601 forms the APIs document.
import { clip, type Indicator } from '../model/indicator.js';
import type { IndicatorType } from '../model/types.js';

export const SOURCE_LABELS = { trustar: 'TruSTAR', taxii: 'TAXII' } as const;

export const TYPE_LABELS: Readonly<Record<IndicatorType, string>> = {
  ipv4: 'IPv4 address',
  ipv6: 'IPv6 address',
  cidr: 'IP range',
  domain: 'Domain',
  url: 'URL',
  email: 'E-mail address',
  md5: 'MD5',
  sha1: 'SHA-1',
  sha256: 'SHA-256',
  'file-name': 'File name',
};

/** Where the indicator came from, in words: "TruSTAR enclave <id>", "TAXII collection <id>". */
export const origin = (i: Indicator): string =>
  `${SOURCE_LABELS[i.source]} ${i.source === 'trustar' ? 'enclave' : 'collection'} ${i.sourceRef}`;

/** "Domain evil.example", the value cut to keep titles readable. */
export const title = (i: Indicator, max: number): string => clip(`${TYPE_LABELS[i.type]} ${i.value}`, max);

/** The source's description, else where it came from; within `max`. */
export const describe = (i: Indicator, max: number): string =>
  clip(i.description ?? `From ${origin(i)}`, max);

/** 2024-06-11T06:40:00.000Z */
export const isoMs = (ms: number): string => new Date(ms).toISOString();

/** 2024-06-11T06:40:00Z, the form Defender's documentation shows. */
export const isoSeconds = (ms: number): string => `${new Date(ms).toISOString().slice(0, 19)}Z`;
