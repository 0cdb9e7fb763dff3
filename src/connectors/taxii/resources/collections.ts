// Collections: GET {api-root}/collections/ and {api-root}/collections/{id}/ (TAXII 2.1 §5.1, §5.2),
// and the check that every configured collection exists and may be read.
import { safePath, segment } from '../../../platform/http/index.js';
import type { TaxiiClient, TaxiiRequest } from '../client.js';
import { errors, TaxiiConfigError } from '../errors.js';
import { collectionSchema, collectionsSchema } from '../schemas.js';
import type { Collection } from '../types.js';

export async function listCollections(client: TaxiiClient, o?: TaxiiRequest): Promise<Collection[]> {
  const root = await client.apiRoot(o);
  return (await client.get(new URL('collections/', root), collectionsSchema, o)).body.collections;
}

export async function getCollection(client: TaxiiClient, id: string, o?: TaxiiRequest): Promise<Collection> {
  const root = await client.apiRoot(o);
  return (await client.get(new URL(safePath`collections/${id}/`, root), collectionSchema, o)).body;
}

/** The configured collections; GSOC_TAXII_NOT_READABLE names those that say can_read false. */
export async function checkCollections(client: TaxiiClient, o?: TaxiiRequest): Promise<Collection[]> {
  const found = await Promise.all(client.connection.collectionIds.map((id) => getCollection(client, id, o)));
  const refused = found.filter((c) => !c.can_read).map((c) => `${c.id} (${c.title})`);
  if (refused.length > 0)
    throw new TaxiiConfigError(
      errors.NOT_READABLE,
      `The TAXII server says these credentials cannot read collection(s) ${refused.join(', ')}`,
    );
  return found;
}

/** The objects URL of a collection: {api-root}/collections/{id}/objects/ */
export const objectsPath = (id: string): string => `collections/${segment(id)}/objects/`;
