// Paging of directory collections read by position (users, groups, group members): $top or
// Prefer: odata.maxpagesize, and an @odata.nextLink whose $skiptoken is opaque to the client.
// https://learn.microsoft.com/graph/paging
import { decodeToken, encodeToken } from '../shared/ids.js';
import type { EmulatorContext } from '../microsoft/context.js';
import { badRequest } from './errors.js';
import { contextUrl, type EntityShape, isResponse, parsePageSize, parseSelect, project } from './odata.js';
import type { GraphCall, GraphResponse } from './types.js';

const SKIP_PREFIX = 'RFNwd';

interface OffsetPageOptions {
  /** @odata.context, e.g. from contextUrl(). */
  context: string;
  /** Path of the collection after the version, e.g. "users" or "groups/{id}/members". */
  path: string;
  pageSize: number;
  /** $select as parsed, carried into the nextLink. */
  select: readonly string[] | undefined;
  /** Other query options the nextLink carries (e.g. $filter). */
  carry?: Record<string, string>;
  size: number;
  /** The rendered item at a position; undefined skips it. */
  at(i: number): Record<string, unknown> | undefined;
}

/** Where this page starts: 0, or the offset a $skiptoken carries (400 when it is not ours). */
function pageOffset(call: GraphCall): number | GraphResponse {
  const skip = call.query.get('$skiptoken');
  if (skip === null) return 0;
  const decoded = decodeToken(SKIP_PREFIX, skip) as { o?: unknown } | undefined;
  if (typeof decoded?.o !== 'number') return badRequest(call, 'Invalid $skiptoken.');
  return decoded.o;
}

/** Up to `pageSize` items from position `from` on, and the position after the last one read. */
export function collect(
  from: number,
  size: number,
  pageSize: number,
  at: (i: number) => Record<string, unknown> | undefined,
): { value: Array<Record<string, unknown>>; next: number } {
  const value: Array<Record<string, unknown>> = [];
  let i = from;
  for (; i < size && value.length < pageSize; i++) {
    const item = at(i);
    if (item) value.push(item);
  }
  return { value, next: i };
}

/** $top (or Prefer), $select checked against the type's properties, and the $skiptoken's offset. */
function pageQuery(
  call: GraphCall,
  defaultPage: number,
  known: ReadonlySet<string>,
  typeName: string,
): { pageSize: number; select: string[] | undefined; offset: number } | GraphResponse {
  const pageSize = parsePageSize(call, defaultPage);
  if (isResponse(pageSize)) return pageSize;
  const select = parseSelect(call, known, typeName);
  if (isResponse(select)) return select;
  const offset = pageOffset(call);
  if (isResponse(offset)) return offset;
  return { pageSize, select, offset };
}

function offsetPage(
  ctx: EmulatorContext,
  call: GraphCall,
  offset: number,
  opts: OffsetPageOptions,
): GraphResponse {
  const { value, next: i } = collect(offset, opts.size, opts.pageSize, opts.at);
  const body: Record<string, unknown> = { '@odata.context': opts.context };
  if (i < opts.size) {
    const next = new URLSearchParams();
    next.set('$top', String(opts.pageSize));
    if (opts.select) next.set('$select', opts.select.join(','));
    for (const [k, v] of Object.entries(opts.carry ?? {})) next.set(k, v);
    next.set('$skiptoken', encodeToken(SKIP_PREFIX, { o: i }));
    body['@odata.nextLink'] = `${ctx.urls.graph}/${call.version}/${opts.path}?${next.toString()}`;
  }
  body.value = value;
  return { status: 200, body };
}

/** A collection read by position. */
export interface Listing {
  size: number;
  at(i: number): Record<string, unknown> | undefined;
}

export interface ListOptions extends EntityShape {
  defaultPage: number;
  /** Path of the collection after the version, for the nextLink. */
  path: string;
  /** @odata.context; by default the entity set's, with the $select. */
  context?: string;
  /** @odata.type of each item, for collections of directoryObjects. */
  itemType?: string;
  /** Other query options the nextLink carries (e.g. $filter). */
  carry?: Record<string, string>;
}

/** A paged list answer: query options first, then `source` (which may answer 400 itself), projected. */
export function listEntities(
  ctx: EmulatorContext,
  call: GraphCall,
  opts: ListOptions,
  source: () => Listing | GraphResponse,
): GraphResponse {
  const q = pageQuery(call, opts.defaultPage, opts.known, opts.typeName);
  if (isResponse(q)) return q;
  const items = source();
  if (isResponse(items)) return items;
  const props = q.select ?? opts.defaults;
  const typed = opts.itemType ? { '@odata.type': opts.itemType } : {};
  return offsetPage(ctx, call, q.offset, {
    context: opts.context ?? contextUrl(ctx, call, opts.entitySet, q.select),
    path: opts.path,
    pageSize: q.pageSize,
    select: q.select,
    ...(opts.carry ? { carry: opts.carry } : {}),
    size: items.size,
    at: (i) => {
      const item = items.at(i);
      return item && { ...typed, ...project(item, props) };
    },
  });
}
