// Finding records by a field value through the Archer Content API (OData):
// `GET /contentapi/<level alias>?$filter=<field alias> eq '<value>'&$select=<level alias>_Id`.
// The REST API itself has no search (reference §2.9); this avoids SOAP for the one lookup we need.
import { odataString } from '../../../platform/http/index.js';
import type { ArcherClient, ArcherRequest } from '../client.js';
import { contentApiPageSchema } from '../schemas.js';

export async function findContentIds(
  client: ArcherClient,
  levelAlias: string,
  fieldAlias: string,
  value: string,
  o?: ArcherRequest,
): Promise<number[]> {
  if (!/^\w+$/.test(levelAlias) || !/^\w+$/.test(fieldAlias))
    throw new TypeError('Archer aliases are letters, digits and underscores');
  const idKey = `${levelAlias}_Id`;
  const page = await client.contentApi(encodeURIComponent(levelAlias), contentApiPageSchema, {
    ...o,
    query: { $filter: `${fieldAlias} eq ${odataString(value)}`, $select: idKey },
  });
  return page.value.map((row) => row[idKey]).filter((id): id is number => typeof id === 'number');
}
