// Records by name: application, level and field names and values-list value names are resolved to
// ids through ArcherMetadata, then the content, attachment and search resources do the calls.
import type { ArcherClient, ArcherRequest } from '../client.js';
import type { FieldInput, FieldOutput, LevelRef } from '../types.js';
import { uploadAttachment } from './attachments.js';
import { createContent, type FieldContents, getContent, updateContent } from './content.js';
import { decodeField, encodeField, FIELD_TYPE } from './field-values.js';
import type { ArcherMetadata } from './metadata.js';
import { findContentIds } from './search.js';
import { ArcherValueError } from '../errors.js';

export interface RecordTarget extends LevelRef {
  meta: ArcherMetadata;
}

async function encodeAll(t: RecordTarget, values: Record<string, FieldInput>): Promise<FieldContents> {
  const level = await t.meta.level(t);
  const out: FieldContents = {};
  for (const [name, value] of Object.entries(values)) {
    const field = await t.meta.field(level, name);
    out[String(field.id)] = await encodeField(t.meta, field, value);
  }
  return out;
}

export async function createRecord(
  client: ArcherClient,
  t: RecordTarget,
  values: Record<string, FieldInput>,
  o?: ArcherRequest,
): Promise<number> {
  const level = await t.meta.level(t);
  return createContent(client, level.id, await encodeAll(t, values), o);
}

export async function updateRecord(
  client: ArcherClient,
  t: RecordTarget,
  id: number,
  values: Record<string, FieldInput>,
  o?: ArcherRequest,
): Promise<void> {
  const level = await t.meta.level(t);
  await updateContent(client, id, level.id, await encodeAll(t, values), o);
}

/** A record's fields by name, decoded (values lists as names); fields without a value are null. */
export async function readRecord(
  client: ArcherClient,
  t: RecordTarget,
  id: number,
  o?: ArcherRequest,
): Promise<Record<string, FieldOutput>> {
  const level = await t.meta.level(t);
  const [content, fields] = await Promise.all([getContent(client, id, o), t.meta.fields(level.id)]);
  const out: Record<string, FieldOutput> = {};
  for (const f of fields) out[f.name] = await decodeField(t.meta, f, content.FieldContents[String(f.id)]);
  return out;
}

/**
 * Uploads a file and adds it to an attachment field of a record, keeping the files already there
 * (Archer replaces the field's list on update). Returns the new attachment id.
 */
export async function attachFile(
  client: ArcherClient,
  t: RecordTarget,
  id: number,
  fieldName: string,
  file: { name: string; bytes: Uint8Array },
  o?: ArcherRequest,
): Promise<number> {
  const level = await t.meta.level(t);
  const field = await t.meta.field(level, fieldName);
  if (field.type !== FIELD_TYPE.attachment)
    throw new ArcherValueError(
      `Archer field "${field.name}" is not an attachment field (type ${field.type})`,
    );
  const attachmentId = await uploadAttachment(client, file.name, file.bytes, o);
  const current = await getContent(client, id, o);
  const existing = current.FieldContents[String(field.id)]?.Value;
  const ids = Array.isArray(existing) ? existing.filter((x): x is number => typeof x === 'number') : [];
  const entry = await encodeField(t.meta, field, { attachmentIds: [...ids, attachmentId] });
  await updateContent(client, id, level.id, { [String(field.id)]: entry }, o);
  return attachmentId;
}

/** Ids of the records whose text field `fieldName` equals `value` (Archer compares case-insensitively). */
export async function findRecordIds(
  client: ArcherClient,
  t: RecordTarget,
  fieldName: string,
  value: string,
  o?: ArcherRequest,
): Promise<number[]> {
  const level = await t.meta.level(t);
  const field = await t.meta.field(level, fieldName);
  return findContentIds(client, level.alias, field.alias, value, o);
}
