// The one OData filter shape the emulators answer outside the security APIs: `<property> eq '<literal>'`,
// with '' standing for a quote inside the literal. Each API words its own 400 for what this refuses.
// https://learn.microsoft.com/graph/filter-query-parameter

export interface EqFilter {
  property: string;
  value: string;
}

/** The property and value, or undefined when the clause is not a single `eq` on a string literal. */
export function parseEq(raw: string): EqFilter | undefined {
  const m = /^\s*(\w+)\s+eq\s+'((?:[^']|'')*)'\s*$/.exec(raw);
  if (!m) return undefined;
  return { property: m[1] ?? '', value: (m[2] ?? '').replaceAll("''", "'") };
}
