// Collection paging: follows @odata.nextLink page by page as an async iterator, holding one page in
// memory at a time, and only on graphBaseUrl's host (the token must not travel elsewhere), whether
// the link came from Graph or from the caller.
import { z } from 'zod';
import { type HttpClient, parseJson } from '../../../../platform/http/index.js';
import { foreignLinkError } from '../errors.js';
import { pageSchema } from '../schemas.js';
import type { PageOptions } from '../types.js';
import type { GraphRequestBuilder } from '../request.js';

export interface PageResult<T> {
  items: T[];
  nextLink: string | undefined;
  deltaLink: string | undefined;
}

/** Yields each page of a collection or delta round; the last page carries the deltaLink, if any. */
export async function* walkPages<S extends z.ZodType>(
  http: HttpClient,
  build: GraphRequestBuilder,
  first: string,
  opts: PageOptions<S>,
): AsyncGenerator<PageResult<z.output<S>>> {
  const schema = pageSchema(opts.item ?? z.unknown());
  const prefer = [
    ...(opts.prefer ?? []),
    ...(opts.maxPageSize ? [`odata.maxpagesize=${opts.maxPageSize}`] : []),
  ];
  // A link given to start from (a deltaLink saved in an earlier round) is held to the same rule as
  // the links Graph returns: it may have been saved against another host.
  if (/^https?:\/\//i.test(first)) checkLink(build.host, first, new URL(first));
  let url: string | undefined = first;
  let query = opts.query;
  while (url !== undefined) {
    const call = build(url, { ...opts, query, prefer });
    const res = await http.request(call);
    const page = parseJson(res, schema, {
      service: http.service,
      method: 'GET',
      host: res.url.host,
      path: res.url.pathname,
    });
    const next = page['@odata.nextLink'];
    if (next !== undefined) checkLink(build.host, next, res.url);
    const delta = page['@odata.deltaLink'];
    if (delta !== undefined) checkLink(build.host, delta, res.url);
    yield { items: page.value as z.output<S>[], nextLink: next, deltaLink: delta };
    url = next;
    query = undefined; // a nextLink already carries the query
  }
}

function checkLink(expectedHost: string, link: string, from: URL): void {
  let ok = false;
  try {
    const u = new URL(link);
    ok = u.host === expectedHost && u.protocol === from.protocol;
  } catch {
    ok = false;
  }
  if (!ok) {
    throw foreignLinkError(
      { service: 'graph', method: 'GET', host: from.host, path: from.pathname },
      link,
      expectedHost,
    );
  }
}
