// Directory collections (users, groups, members): the OData query of a ListQuery ($filter, $select,
// $top), the pages of a list read with it, and creating an object in a collection.
import type { z } from 'zod';
import type { GraphClient } from '../client.js';
import type { GraphCallOptions, ListQuery, ResourcePageOptions } from '../types.js';

export function listQuery(q: ListQuery): Record<string, string | number | undefined> {
  return {
    ...(q.filter !== undefined ? { $filter: q.filter } : {}),
    ...(q.select !== undefined && q.select.length > 0 ? { $select: q.select.join(',') } : {}),
    ...(q.top !== undefined ? { $top: q.top } : {}),
  };
}

/** A list resource: the collection at `path` page by page, items parsed with `item`. */
export function directoryList<S extends z.ZodType>(path: string, item: S) {
  return (graph: GraphClient, q: ListQuery = {}, o: ResourcePageOptions = {}): AsyncIterable<z.output<S>[]> =>
    listPages(graph, path, item, q, o);
}

/** The list at `path` page by page, items parsed with `item`. */
export function listPages<S extends z.ZodType>(
  graph: GraphClient,
  path: string,
  item: S,
  q: ListQuery,
  o: ResourcePageOptions,
): AsyncIterable<z.output<S>[]> {
  return graph.pages(path, { ...o, query: { ...o.query, ...listQuery(q) }, item });
}

/**
 * A create resource: POSTs the object to the collection at `path` and reads the answer with `item`.
 * Not repeated on a 429/503, as a POST is not: a second create would make a second object or fail
 * as a duplicate.
 */
export function directoryCreate<S extends z.ZodType>(path: string, item: S) {
  return (graph: GraphClient, object: Record<string, unknown>, o?: GraphCallOptions): Promise<z.output<S>> =>
    graph.post(path, object, item, o);
}
