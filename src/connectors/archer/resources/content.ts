// Content records by id: create, read, update and delete (Content controller; reference §2.6).
// The caller passes FieldContents already encoded; records.ts maps names and values onto them.
import type { ArcherClient, ArcherRequest } from '../client.js';
import { contentSchema, idSchema } from '../schemas.js';

export type FieldContents = Record<string, Record<string, unknown>>;

export async function createContent(
  client: ArcherClient,
  levelId: number,
  fieldContents: FieldContents,
  o?: ArcherRequest,
): Promise<number> {
  const created = await client.post(
    'content',
    { Content: { LevelId: levelId, FieldContents: fieldContents } },
    idSchema,
    o,
  );
  return created.Id;
}

export function getContent(client: ArcherClient, id: number, o?: ArcherRequest) {
  return client.get(`content/${id}`, contentSchema, o);
}

/** Sends only the given fields; Archer leaves the others as they are. */
export async function updateContent(
  client: ArcherClient,
  id: number,
  levelId: number,
  fieldContents: FieldContents,
  o?: ArcherRequest,
): Promise<void> {
  await client.put(
    'content',
    { Content: { Id: id, LevelId: levelId, FieldContents: fieldContents } },
    idSchema,
    o,
  );
}

export function deleteContent(client: ArcherClient, id: number, o?: ArcherRequest): Promise<void> {
  return client.delete(`content/${id}`, o);
}
