// RSA Archer connector: the sole entry point; features import only from here.
export { ARCHER_REQUIRED, type ArcherConfig, archerSchema } from './config.js';
export { type ArcherClient, type ArcherRequest, createArcherClient } from './client.js';
export { archerConnection } from './connection.js';
export {
  ArcherAuthError,
  ArcherConfigError,
  ArcherError,
  ArcherUnknownNameError,
  ArcherValidationError,
  ArcherValueError,
  errors,
  parseArcherError,
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
export { findContentIds } from './resources/search.js';
// OData string literals, shared by every connector that writes $filter.
export { odataString } from '../../platform/http/index.js';
export type {
  ArcherCallOptions,
  ArcherClientOptions,
  ArcherConnection,
  FieldDefinition,
  FieldInput,
  FieldOutput,
  LevelRef,
} from './types.js';
