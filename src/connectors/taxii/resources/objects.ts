// A collection's objects: GET {api-root}/collections/{id}/objects/ with added_after, limit, next and
// match[type] (TAXII 2.1 §5.4), page after page. TAXII pages two ways: with `next` (asked with the
// same added_after), or, when a server says `more` without a `next`, with added_after moved to the
// page's X-TAXII-Date-Added-Last. One page is in memory at a time; each carries what it was asked
// with and its date-added headers, so a caller can store where to resume.
import type { TaxiiClient, TaxiiRequest } from '../client.js';
import { errors, TaxiiResponseError } from '../errors.js';
import { envelopeSchema, timestamp } from '../schemas.js';
import type { ObjectsPage, ObjectsQuery } from '../types.js';
import { objectsPath } from './collections.js';

const header = (headers: Record<string, string>, name: string): string | undefined => {
  const r = timestamp.safeParse(headers[name]);
  return r.success ? r.data : undefined;
};

export async function* readObjects(
  client: TaxiiClient,
  collectionId: string,
  q: ObjectsQuery = {},
  o: TaxiiRequest = {},
): AsyncGenerator<ObjectsPage> {
  const url = new URL(objectsPath(collectionId), await client.apiRoot(o));
  const limit = q.limit ?? client.connection.pageSize;
  let addedAfter = q.addedAfter;
  let next = q.next;
  for (;;) {
    const { body, headers } = await client.get(url, envelopeSchema, {
      ...o,
      query: {
        ...o.query,
        ...(addedAfter ? { added_after: addedAfter } : {}),
        limit,
        ...(next ? { next } : {}),
        ...(q.types?.length ? { 'match[type]': q.types.join(',') } : {}),
      },
    });
    const page: ObjectsPage = {
      objects: body.objects,
      more: body.more,
      next: body.more ? body.next : undefined,
      dateAddedFirst: header(headers, 'x-taxii-date-added-first'),
      dateAddedLast: header(headers, 'x-taxii-date-added-last'),
      addedAfter,
      askedNext: next,
    };
    yield page;
    if (!page.more) return;
    const stuck =
      page.next !== undefined
        ? page.next === next
        : page.dateAddedLast === undefined || page.dateAddedLast === addedAfter;
    if (stuck)
      throw new TaxiiResponseError(
        errors.PAGING_STUCK,
        `TAXII GET ${url.pathname}: more objects announced, but ${page.next !== undefined ? 'next did not change' : 'no later X-TAXII-Date-Added-Last'} (${page.objects.length} objects); stopping instead of looping`,
        { retryable: true },
      );
    if (page.next !== undefined) next = page.next;
    else {
      addedAfter = page.dateAddedLast;
      next = undefined;
    }
  }
}
