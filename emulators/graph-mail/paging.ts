// Paging of mail collections: $top (default 10, at most 1,000) and an @odata.nextLink that carries $skip,
// which clients follow as an opaque URL. https://learn.microsoft.com/graph/api/user-list-messages
import type { EmulatorContext } from '../microsoft/context.js';
import { badRequest } from '../graph/errors.js';
import type { GraphCall, GraphResponse } from '../graph/types.js';

export const MAIL_DEFAULT_PAGE = 10;
export const MAIL_MAX_PAGE = 1000;

export function mailPage<T>(
  ctx: EmulatorContext,
  call: GraphCall,
  items: T[],
  render: (item: T) => Record<string, unknown>,
  context: string,
): GraphResponse {
  const top = intParam(call, '$top', MAIL_DEFAULT_PAGE);
  const skip = intParam(call, '$skip', 0);
  if (top === undefined || top < 1 || top > MAIL_MAX_PAGE)
    return badRequest(
      call,
      `Invalid value '${call.query.get('$top')}' for $top. It must be between 1 and ${MAIL_MAX_PAGE}.`,
      'ErrorInvalidUrlQuery',
    );
  if (skip === undefined || skip < 0)
    return badRequest(call, `Invalid value '${call.query.get('$skip')}' for $skip.`, 'ErrorInvalidUrlQuery');
  const slice = items.slice(skip, skip + top);
  const body: Record<string, unknown> = {
    '@odata.context': `${ctx.urls.graph}/${call.version}/$metadata#${context}`,
    value: slice.map(render),
  };
  if (skip + top < items.length) {
    const q = new URLSearchParams(call.query);
    q.set('$top', String(top));
    q.set('$skip', String(skip + top));
    body['@odata.nextLink'] =
      `${ctx.urls.graph}/${call.version}${encodePath(call.path)}?${q.toString().replace(/%24/g, '$')}`;
  }
  return { status: 200, body };
}

function intParam(call: GraphCall, name: string, fallback: number): number | undefined {
  const raw = call.query.get(name);
  if (raw === null) return fallback;
  const n = Number(raw);
  return Number.isInteger(n) ? n : undefined;
}

export function encodePath(path: string): string {
  return path
    .split('/')
    .map((s) => encodeURIComponent(s))
    .join('/');
}
