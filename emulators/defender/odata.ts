// The small part of OData the Defender emulator answers: `<property> eq '<literal>'` ($filter, with
// '' as an escaped quote), `$top` and `$orderby=<property> desc|asc`.
// https://learn.microsoft.com/defender-endpoint/api/exposed-apis-odata-samples
import { type EqFilter, parseEq } from '../shared/odata-eq.js';
import { type DefenderResponse, defenderError } from './errors.js';
import type { DefenderObject } from './store.js';
import type { DefenderCall } from './types.js';

/** Undefined when there is no $filter; an error message when it is not a supported `eq`. */
export function parseEqFilter(
  raw: string | null,
  allowed: readonly string[],
): EqFilter | undefined | { error: string } {
  if (raw === null) return undefined;
  const filter = parseEq(raw);
  if (!filter) return { error: `Invalid filter clause: ${raw.slice(0, 200)}` };
  if (!allowed.includes(filter.property))
    return { error: `Filtering on property '${filter.property}' is not supported.` };
  return filter;
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

const MAX_TOP = 10_000;

/** $filter and $top of a list call, or the 400 InvalidODataQuery Defender answers for either. */
export function listQuery(
  call: DefenderCall,
  allowed: readonly string[],
): { filter: EqFilter | undefined; top: number } | DefenderResponse {
  const filter = parseEqFilter(call.query.get('$filter'), allowed);
  const top = parseTop(call.query.get('$top'), MAX_TOP);
  if (isError(filter)) return defenderError(call.requestId, 400, 'InvalidODataQuery', filter.error);
  if (isError(top)) return defenderError(call.requestId, 400, 'InvalidODataQuery', top.error);
  return { filter, top: top ?? MAX_TOP };
}

/** A list answer of the objects whose filtered property equals the value, case-insensitively. */
export function listWhere(
  call: DefenderCall,
  all: Iterable<DefenderObject>,
  allowed: readonly string[],
): DefenderResponse {
  const q = listQuery(call, allowed);
  if ('status' in q) return q;
  const { filter } = q;
  const value = [...all].filter(
    (o) =>
      filter === undefined || String(o[filter.property] ?? '').toLowerCase() === filter.value.toLowerCase(),
  );
  return { status: 200, body: { value: value.slice(0, q.top) } };
}
