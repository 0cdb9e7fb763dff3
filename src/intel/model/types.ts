// The vocabularies of the canonical indicator: its types, the sources it comes from, and TLP levels.
// The types are the ones TruSTAR observables carry that at least one Microsoft sink can hold
// (docs/intel.md, "Indicator model and policy"); TruSTAR's registry keys, bitcoin addresses, phone
// numbers and X ids have no place in any of the three sinks' matching and are rejected as unsupported.

export const INDICATOR_TYPES = [
  'ipv4',
  'ipv6',
  'cidr',
  'domain',
  'url',
  'email',
  'md5',
  'sha1',
  'sha256',
  'file-name',
] as const;
export type IndicatorType = (typeof INDICATOR_TYPES)[number];

export const HASH_TYPES = ['md5', 'sha1', 'sha256'] as const satisfies readonly IndicatorType[];

export const isIndicatorType = (t: string): t is IndicatorType =>
  (INDICATOR_TYPES as readonly string[]).includes(t);

export const SOURCES = ['trustar', 'taxii'] as const;
export type Source = (typeof SOURCES)[number];

/**
 * TLP 2.0 levels in rising order of restriction. TLP 1.0's WHITE is CLEAR (see `normaliseTlp`);
 * the order is what a sink's `maxTlp` compares against.
 */
export const TLP_LEVELS = ['clear', 'green', 'amber', 'amber+strict', 'red'] as const;
export type Tlp = (typeof TLP_LEVELS)[number];

export const tlpRank = (t: Tlp): number => TLP_LEVELS.indexOf(t);

/** A TLP name as sources write it (`TLP:WHITE`, `amber`, `Amber+Strict`), or undefined if unknown. */
export function normaliseTlp(raw: string): Tlp | undefined {
  let t = raw.trim().toLowerCase();
  if (t.startsWith('tlp:')) t = t.slice(4);
  if (t === 'white') return 'clear';
  return (TLP_LEVELS as readonly string[]).includes(t) ? (t as Tlp) : undefined;
}
