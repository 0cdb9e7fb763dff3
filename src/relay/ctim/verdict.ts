// The CTIM Verdict schema: the one disposition Threat Response shows for an observable, usually
// pointing at the judgement it was drawn from. Verdicts carry no id or schema_version.
// Source: threatgrid/ctim doc/structures/verdict.md (reference/relay.md §5.2).
import { z } from 'zod';
import { observableSchema, referenceSchema, validTimeSchema } from './common.js';
import { dispositionAgrees, dispositionMismatch } from './judgement.js';
import { dispositionNameSchema, dispositionNumberSchema } from './vocabulary.js';

export const verdictSchema = z
  .strictObject({
    disposition: dispositionNumberSchema,
    observable: observableSchema,
    type: z.literal('verdict'),
    valid_time: validTimeSchema,
    disposition_name: dispositionNameSchema.optional(),
    judgement_id: referenceSchema.optional(),
  })
  .refine((v) => dispositionAgrees(v.disposition, v.disposition_name), dispositionMismatch);
export type Verdict = z.infer<typeof verdictSchema>;
