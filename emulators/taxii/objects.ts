// GET {api-root}/collections/{id}/objects/ (TAXII 2.1 §5.4): the envelope {more, next, objects} of
// the collection's latest object versions added after added_after, in date_added order, at most
// `limit` (capped by the server) per page, filtered by match[type], match[id] and
// match[spec_version]; X-TAXII-Date-Added-First/Last carry the page's first and last date_added.
// @link https://docs.oasis-open.org/cti/taxii/v2.1/os/taxii-v2.1-os.html#_Toc31107540
import { decodeToken, encodeToken } from '../shared/ids.js';
import type { Collection, TaxiiSettings } from './context.js';
import type { Key } from './corpus/store.js';
import { formatStamp, parseStamp } from './timestamps.js';

const NEXT_PREFIX = 'n1.';

export class QueryRefused extends Error {}

export interface ObjectsAnswer {
  headers: Record<string, string>;
  body: { more: boolean; next?: string; objects?: unknown[] };
}

const list = (v: unknown): string[] | undefined =>
  typeof v === 'string' && v !== '' ? v.split(',').map((s) => s.trim()) : undefined;

function readNext(text: string): Key {
  const k = (decodeToken(NEXT_PREFIX, text) as { k?: unknown } | undefined)?.k;
  if (!Array.isArray(k) || k.length !== 2 || !k.every((n) => Number.isSafeInteger(n)))
    throw new QueryRefused('next is not a value this server issued');
  return [k[0] as number, k[1] as number];
}

export function readObjects(
  c: Collection,
  query: Record<string, unknown>,
  settings: TaxiiSettings,
): ObjectsAnswer {
  let addedAfterUs: number | undefined;
  if (query.added_after !== undefined) {
    addedAfterUs = typeof query.added_after === 'string' ? parseStamp(query.added_after) : undefined;
    if (addedAfterUs === undefined) throw new QueryRefused('added_after is not a timestamp');
  }
  let limit = settings.maxPageSize;
  if (query.limit !== undefined) {
    const n = typeof query.limit === 'string' && /^\d{1,9}$/.test(query.limit) ? Number(query.limit) : 0;
    if (n < 1) throw new QueryRefused('limit must be a positive integer');
    limit = Math.min(n, settings.maxPageSize);
  }
  const cursor = typeof query.next === 'string' ? readNext(query.next) : undefined;
  const types = list(query['match[type]']);
  const ids = list(query['match[id]']);
  const versions = list(query['match[spec_version]']);
  const { entries, more } = c.store.scan({
    addedAfterUs,
    cursor,
    limit,
    match: (o) =>
      (types === undefined || types.includes(o.type)) &&
      (ids === undefined || ids.includes(o.id)) &&
      (versions === undefined || versions.includes(String(o.spec_version ?? '2.0'))),
  });
  const first = entries[0];
  const last = entries.at(-1);
  const headers: Record<string, string> =
    first && last
      ? {
          'x-taxii-date-added-first': formatStamp(first.addedUs),
          'x-taxii-date-added-last': formatStamp(last.addedUs),
        }
      : {};
  const next = more && last ? encodeToken(NEXT_PREFIX, { k: [last.addedUs, last.seq] }) : undefined;
  return {
    headers,
    body: {
      more,
      ...(next ? { next } : {}),
      ...(entries.length > 0 ? { objects: entries.map((e) => e.object) } : {}),
    },
  };
}
