// The CTIM Judgement schema: a source's opinion (disposition) about one observable over a time range.
// Source: threatgrid/ctim doc/structures/judgement.md (reference/relay.md §5.2).
import { z } from 'zod';
import {
  entityIdSchema,
  externalReferenceSchema,
  isoDateTime,
  medString,
  nonNegativeInt,
  observableSchema,
  schemaVersionSchema,
  shortString,
  uri,
  validTimeSchema,
} from './common.js';
import {
  confidenceSchema,
  DISPOSITIONS,
  type DispositionName,
  type DispositionNumber,
  dispositionNameSchema,
  dispositionNumberSchema,
  severitySchema,
  tlpSchema,
} from './vocabulary.js';

/**
 * judgement.md "priority": 0..100. CTIM's convention is 100 for humans, 95 for curated feeds and at
 * most 90 for automated sources, which is what our relay is.
 */
export const PRIORITY_AUTOMATED_MAX = 90;

/** Whether a disposition number and name are the same value (1 Clean … 5 Unknown). */
export function dispositionAgrees(n: DispositionNumber, name: DispositionName | undefined): boolean {
  return name === undefined || DISPOSITIONS[n] === name;
}

export const dispositionMismatch = {
  message:
    'disposition_name does not match disposition (1 Clean, 2 Malicious, 3 Suspicious, 4 Common, 5 Unknown).',
  path: ['disposition_name'],
};

export const judgementSchema = z
  .strictObject({
    confidence: confidenceSchema,
    disposition: dispositionNumberSchema,
    disposition_name: dispositionNameSchema,
    id: entityIdSchema('judgement'),
    observable: observableSchema,
    priority: z.int().min(0).max(100),
    schema_version: schemaVersionSchema,
    severity: severitySchema,
    source: medString.min(1),
    type: z.literal('judgement'),
    valid_time: validTimeSchema,
    external_ids: z.array(z.string()).optional(),
    external_references: z.array(externalReferenceSchema).optional(),
    language: shortString.optional(),
    reason: shortString.optional(),
    reason_uri: uri.optional(),
    revision: nonNegativeInt.optional(),
    source_uri: uri.optional(),
    timestamp: isoDateTime.optional(),
    tlp: tlpSchema.optional(),
  })
  .refine((j) => dispositionAgrees(j.disposition, j.disposition_name), dispositionMismatch);
export type Judgement = z.infer<typeof judgementSchema>;
