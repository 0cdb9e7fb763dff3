// Observables search: POST <baseUrl>/api/2.0/observables/search?pageSize=N with enclaveGuids, from/to
// (ms), types, tags and the cursor in the body (reference §1.4, §2.3; what RH-ISAC's script uses).
import { z } from 'zod';
import { API_PATH, type TrustarClient, type TrustarRequest } from '../client.js';
import { observableSchema } from '../schemas.js';
import { type Observable, OBSERVABLE_TYPES, type SearchPage } from '../types.js';
import { baseQuery, enclavesFor, parseQuery, searchPages } from './search.js';

const tagList = z.array(z.string().min(1).max(200)).max(20);

export const observableQuerySchema = baseQuery.extend({
  types: z.array(z.enum(OBSERVABLE_TYPES)).min(1).max(OBSERVABLE_TYPES.length).optional(),
  includedTags: tagList.optional(),
  excludedTags: tagList.optional(),
});
export type ObservableQuery = z.input<typeof observableQuerySchema>;

/** Pages of observables, oldest lastSeen first; the query is checked before anything is sent. */
export function searchObservables(
  client: TrustarClient,
  query: ObservableQuery,
  o?: TrustarRequest,
): AsyncGenerator<SearchPage<Observable>> {
  const q = parseQuery(observableQuerySchema, query);
  const body = {
    enclaveGuids: enclavesFor(client, q.enclaveIds),
    from: q.from,
    to: q.to,
    ...(q.types ? { types: q.types } : {}),
    ...(q.includedTags ? { includedTags: q.includedTags } : {}),
    ...(q.excludedTags ? { excludedTags: q.excludedTags } : {}),
    ...(q.queryTerm ? { queryTerm: q.queryTerm } : {}),
  };
  const page = { cursor: q.cursor, pageSize: q.pageSize ?? client.connection.pageSize };
  return searchPages(client, `${API_PATH}observables/search`, body, observableSchema, page, o);
}
