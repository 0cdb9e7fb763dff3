// OData query helpers for Graph collections: $top, $select, projections and @odata.context.
import type { EmulatorContext } from '../microsoft/context.js';
import { badRequest, notFound } from './errors.js';
import type { GraphRoute } from './router.js';
import type { GraphCall, GraphResponse } from './types.js';

export const MAX_PAGE_SIZE = 999;

/** Page size from $top (or Prefer: odata.maxpagesize), within 1..999. */
export function parsePageSize(call: GraphCall, defaultSize: number): number | GraphResponse {
  const top = call.query.get('$top');
  if (top !== null) {
    const n = Number(top);
    if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE_SIZE) {
      return badRequest(
        call,
        `Invalid page size specified: '${top}'. Must be between 1 and ${MAX_PAGE_SIZE} inclusive.`,
        'Request_UnsupportedQuery',
      );
    }
    return n;
  }
  const prefer = /odata\.maxpagesize=(\d+)/i.exec(call.headers.prefer ?? '');
  if (prefer?.[1]) return Math.min(MAX_PAGE_SIZE, Math.max(1, Number(prefer[1])));
  return defaultSize;
}

/** Property names from $select, checked against the type's known properties. */
export function parseSelect(
  call: GraphCall,
  known: ReadonlySet<string>,
  typeName: string,
): string[] | undefined | GraphResponse {
  const raw = call.query.get('$select');
  if (raw === null || raw.trim() === '') return undefined;
  const props = raw
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  for (const p of props) {
    if (!known.has(p) && !p.startsWith('extension_')) {
      return badRequest(
        call,
        `Could not find a property named '${p}' on type 'microsoft.graph.${typeName}'.`,
      );
    }
  }
  return props;
}

/** Keeps the selected properties (id always), unset ones as null, as Graph does. */
export function project(obj: Record<string, unknown>, props: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { id: obj.id };
  for (const p of props) out[p] = obj[p] ?? null;
  return out;
}

export function contextUrl(
  ctx: EmulatorContext,
  call: GraphCall,
  entitySet: string,
  select?: readonly string[],
  entity = false,
): string {
  const sel = select ? `(${select.join(',')})` : '';
  return `${ctx.urls.graph}/${call.version}/$metadata#${entitySet}${sel}${entity ? '/$entity' : ''}`;
}

export function isResponse(v: unknown): v is GraphResponse {
  return (
    typeof v === 'object' && v !== null && 'status' in v && typeof (v as GraphResponse).status === 'number'
  );
}

export interface EntityShape {
  entitySet: string;
  /** Every property $select may name, and the type's name for the 400 when it names another. */
  known: ReadonlySet<string>;
  typeName: string;
  /** What Graph returns without $select. */
  defaults: readonly string[];
}

/** A GET of one entity by id (the pattern's `id` group), looked up in the caller's tenant. */
export function entityRoute(
  pattern: RegExp,
  roles: string[],
  shape: EntityShape,
  find: (ctx: EmulatorContext, tenantId: string, id: string) => Record<string, unknown> | undefined,
): GraphRoute {
  return {
    method: 'GET',
    pattern,
    roles,
    handle: (ctx, call, params) =>
      entityResponse(ctx, call, params.id ?? '', (id) => find(ctx, call.principal.tenantId, id), shape),
  };
}

/** GET of one entity by id: $select, 404 Request_ResourceNotFound, or the projected entity. */
function entityResponse(
  ctx: EmulatorContext,
  call: GraphCall,
  id: string,
  find: (id: string) => Record<string, unknown> | undefined,
  shape: EntityShape,
): GraphResponse {
  const select = parseSelect(call, shape.known, shape.typeName);
  if (isResponse(select)) return select;
  const entity = find(id);
  if (!entity) return notFound(call, id);
  return {
    status: 200,
    body: {
      '@odata.context': contextUrl(ctx, call, shape.entitySet, select, true),
      ...project(entity, select ?? shape.defaults),
    },
  };
}

/** The JSON object a write sends, or the 400 Graph answers for any other body. */
export function objectBody(call: GraphCall): Record<string, unknown> | GraphResponse {
  const body = call.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return badRequest(call, 'Invalid request body.');
  return body as Record<string, unknown>;
}

/** 201 for a new directory object: its default properties and the Location Graph points at it. */
export function createdResponse(
  ctx: EmulatorContext,
  call: GraphCall,
  entity: Record<string, unknown> & { id: string },
  shape: EntityShape,
  directoryType: 'User' | 'Group',
): GraphResponse {
  return {
    status: 201,
    headers: {
      Location: `${ctx.urls.graph}/v1.0/directoryObjects/${entity.id}/Microsoft.DirectoryServices.${directoryType}`,
    },
    body: {
      '@odata.context': contextUrl(ctx, call, shape.entitySet, undefined, true),
      ...project(entity, shape.defaults),
    },
  };
}
