// RSA Archer connector: the sole entry point; features import only from here.
export {
  type ArcherClient,
  type ArcherRequest,
  archerConnection,
  createArcherClient,
  parseArcherError,
} from './client.js';
export {
  ArcherAuthError,
  ArcherConfigError,
  ArcherError,
  ArcherUnknownNameError,
  ArcherValidationError,
  ArcherValueError,
  errors,
} from './errors.js';
export { getAttachment, uploadAttachment } from './resources/attachments.js';
export {
  createContent,
  deleteContent,
  type FieldContents,
  getContent,
  updateContent,
} from './resources/content.js';
export { archerDate } from './resources/field-values.js';
export { ArcherMetadata, type ResolvedLevel } from './resources/metadata.js';
export {
  attachFile,
  createRecord,
  findRecordIds,
  type RecordTarget,
  readRecord,
  updateRecord,
} from './resources/records.js';
export { findContentIds, odataString } from './resources/search.js';
export type {
  ArcherCallOptions,
  ArcherClientOptions,
  ArcherConnection,
  FieldDefinition,
  FieldInput,
  FieldOutput,
  LevelRef,
} from './types.js';

import type { ArcherClient } from './client.js';
import { applicationSchema } from './schemas.js';

/** Cheap login and reachability check for /health and `cli check` (STYLE.md rule 19). */
export async function ping(client: ArcherClient): Promise<void> {
  await client.list('system/application', applicationSchema, { query: { $top: 1, $select: 'Id,Name' } });
}
