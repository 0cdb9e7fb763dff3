// The small part of OData the Defender emulator answers: `<property> eq '<literal>'` ($filter, with
// '' as an escaped quote), `$top` and `$orderby=<property> desc|asc`.
// https://learn.microsoft.com/defender-endpoint/api/exposed-apis-odata-samples

export interface EqFilter {
  property: string;
  value: string;
}

/** Undefined when there is no $filter; an error message when it is not a supported `eq`. */
export function parseEqFilter(
  raw: string | null,
  allowed: readonly string[],
): EqFilter | undefined | { error: string } {
  if (raw === null) return undefined;
  const m = /^\s*(\w+)\s+eq\s+'((?:[^']|'')*)'\s*$/.exec(raw);
  if (!m) return { error: `Invalid filter clause: ${raw.slice(0, 200)}` };
  const property = m[1] ?? '';
  if (!allowed.includes(property)) return { error: `Filtering on property '${property}' is not supported.` };
  return { property, value: (m[2] ?? '').replaceAll("''", "'") };
}

/** $top bounded by the API's maximum; undefined when absent, an error when not a number. */
export function parseTop(raw: string | null, max: number): number | undefined | { error: string } {
  if (raw === null) return undefined;
  if (!/^\d+$/.test(raw)) return { error: `Invalid value for $top: ${raw.slice(0, 50)}` };
  return Math.min(Number(raw), max);
}

export function isError(v: unknown): v is { error: string } {
  return typeof v === 'object' && v !== null && 'error' in v;
}
