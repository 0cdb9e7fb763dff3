// The `data` of an observe or deliberate answer: CTIM documents grouped by kind, each as
// `{count, docs}`, with empty kinds left out, as the relays' jsonify_result does
// (reference/relay.md §3, MISP relay `jsonify_result`; Threat Response reads only these five keys).
import { z } from 'zod';
import { type Indicator, indicatorSchema } from './indicator.js';
import { type Judgement, judgementSchema } from './judgement.js';
import { type Relationship, relationshipSchema } from './relationship.js';
import { type Sighting, sightingSchema } from './sighting.js';
import { type Verdict, verdictSchema } from './verdict.js';

/** `{count, docs}` where count is the number of docs; a mismatch misleads the Threat Response UI. */
function docsOf<S extends z.ZodType>(doc: S) {
  return z
    .strictObject({ count: z.int().min(0), docs: z.array(doc) })
    .refine((p) => p.count === p.docs.length, {
      message: 'count must equal the number of docs.',
      path: ['count'],
    });
}

export const ctimBundleSchema = z.strictObject({
  verdicts: docsOf(verdictSchema).optional(),
  judgements: docsOf(judgementSchema).optional(),
  sightings: docsOf(sightingSchema).optional(),
  indicators: docsOf(indicatorSchema).optional(),
  relationships: docsOf(relationshipSchema).optional(),
});
export type CtimBundle = z.infer<typeof ctimBundleSchema>;

export interface CtimDocs {
  verdicts?: readonly Verdict[];
  judgements?: readonly Judgement[];
  sightings?: readonly Sighting[];
  indicators?: readonly Indicator[];
  relationships?: readonly Relationship[];
}

/** Key order of the answer, as the seeds emit it. */
const KINDS = ['verdicts', 'judgements', 'sightings', 'indicators', 'relationships'] as const;

/**
 * Groups documents into the answer's `data`, leaving out kinds with no documents, so an answer
 * with nothing found is `{}`. The documents come from the builders and are not validated again.
 */
export function bundle(docs: CtimDocs): CtimBundle {
  const out: Record<string, { count: number; docs: unknown[] }> = {};
  for (const kind of KINDS) {
    const list = docs[kind];
    if (list !== undefined && list.length > 0) out[kind] = { count: list.length, docs: [...list] };
  }
  return out as CtimBundle;
}
