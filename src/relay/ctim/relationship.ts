// The CTIM Relationship schema: a typed edge between two entities (e.g. judgement based-on indicator).
// Source: threatgrid/ctim doc/structures/relationship.md (reference/relay.md §5.2).
import { z } from 'zod';
import {
  entityIdSchema,
  externalReferenceSchema,
  isoDateTime,
  markdown,
  medString,
  nonNegativeInt,
  referenceSchema,
  schemaVersionSchema,
  shortString,
  uri,
} from './common.js';
import { relationshipTypeSchema, tlpSchema } from './vocabulary.js';

export const relationshipSchema = z.strictObject({
  id: entityIdSchema('relationship'),
  relationship_type: relationshipTypeSchema,
  schema_version: schemaVersionSchema,
  source_ref: referenceSchema,
  target_ref: referenceSchema,
  type: z.literal('relationship'),
  description: markdown.optional(),
  external_ids: z.array(z.string()).optional(),
  external_references: z.array(externalReferenceSchema).optional(),
  language: shortString.optional(),
  revision: nonNegativeInt.optional(),
  short_description: medString.optional(),
  source: medString.optional(),
  source_uri: uri.optional(),
  timestamp: isoDateTime.optional(),
  title: shortString.optional(),
  tlp: tlpSchema.optional(),
});
export type Relationship = z.infer<typeof relationshipSchema>;
