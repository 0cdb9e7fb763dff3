// Shared OData paging for the security collections: $filter, $top, $skip, $count and a $skip nextLink.
// https://learn.microsoft.com/graph/query-parameters  https://learn.microsoft.com/graph/paging
import type { EmulatorContext } from '../microsoft/context.js';
import { badRequest, graphError } from '../graph/errors.js';
import type { GraphCall, GraphResponse } from '../graph/types.js';
import { compileFilter, FilterError } from './odata-filter.js';
import type { GraphObject } from './store.js';

export interface CollectionOptions {
  /** Entity set for @odata.context, e.g. "security/alerts_v2". */
  entitySet: string;
  maxTop: number;
  defaultTop: number;
  maxSkip?: number;
  /** Properties $filter may name; undefined = any. */
  filterable?: ReadonlySet<string>;
  /** Omit @odata.nextLink (the legacy API answers one page). */
  noNextLink?: boolean;
}

export function listCollection(
  ctx: EmulatorContext,
  call: GraphCall,
  all: GraphObject[],
  opts: CollectionOptions,
  shape: (obj: GraphObject) => Record<string, unknown> = (o) => o,
): GraphResponse {
  const top = intParam(call, '$top', opts.defaultTop, 0, opts.maxTop);
  if (typeof top !== 'number') return top;
  const skip = intParam(call, '$skip', 0, 0, opts.maxSkip ?? Number.MAX_SAFE_INTEGER);
  if (typeof skip !== 'number') return skip;
  let items = all;
  const filter = call.query.get('$filter');
  if (filter !== null && filter.trim() !== '') {
    try {
      items = all.filter(compileFilter(filter, opts.filterable));
    } catch (error) {
      if (error instanceof FilterError) return graphError(call, 400, 'BadRequest', error.message);
      throw error;
    }
  }
  const body: Record<string, unknown> = {
    '@odata.context': `${ctx.urls.graph}/${call.version}/$metadata#${opts.entitySet}`,
  };
  if ((call.query.get('$count') ?? '').toLowerCase() === 'true') body['@odata.count'] = items.length;
  const page = items.slice(skip, skip + top);
  if (!opts.noNextLink && skip + top < items.length && top > 0) {
    const next = new URLSearchParams(call.query);
    next.set('$top', String(top));
    next.set('$skip', String(skip + top));
    body['@odata.nextLink'] = `${ctx.urls.graph}/${call.version}/${opts.entitySet}?${next.toString()}`;
  }
  body.value = page.map(shape);
  return { status: 200, body };
}

function intParam(
  call: GraphCall,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number | GraphResponse {
  const raw = call.query.get(name);
  if (raw === null) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    return badRequest(
      call,
      `Invalid value '${raw}' for ${name}; it must be between ${min} and ${max}.`,
      'BadRequest',
    );
  }
  return n;
}

/** The 404 the security APIs answer for an id that does not exist. */
export function securityNotFound(call: GraphCall, kind: string, id: string): GraphResponse {
  return graphError(call, 404, 'NotFound', `The ${kind} '${id}' was not found.`);
}

export function entityContext(ctx: EmulatorContext, call: GraphCall, entitySet: string): string {
  return `${ctx.urls.graph}/${call.version}/$metadata#${entitySet}/$entity`;
}
