// The CTIM Indicator schema: a detection rule or watch list entry that judgements and sightings
// can point to through relationships.
// Source: threatgrid/ctim doc/structures/indicator.md (reference/relay.md §5.2).
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
  validTimeSchema,
} from './common.js';
import { confidenceSchema, indicatorTypeSchema, severitySchema, tlpSchema } from './vocabulary.js';

// indicator.md "CompositeIndicatorExpression": other indicators combined with a boolean operator.
export const compositeIndicatorExpressionSchema = z.strictObject({
  indicator_ids: z.array(referenceSchema).min(1),
  operator: z.enum(['and', 'or', 'not']),
});

// indicator.md "KillChainPhase".
export const killChainPhaseSchema = z.strictObject({
  kill_chain_name: shortString.min(1),
  phase_name: shortString.min(1),
});

export const indicatorSchema = z.strictObject({
  id: entityIdSchema('indicator'),
  producer: medString.min(1),
  schema_version: schemaVersionSchema,
  type: z.literal('indicator'),
  valid_time: validTimeSchema,
  composite_indicator_expression: compositeIndicatorExpressionSchema.optional(),
  confidence: confidenceSchema.optional(),
  description: markdown.optional(),
  external_ids: z.array(z.string()).optional(),
  external_references: z.array(externalReferenceSchema).optional(),
  indicator_type: z.array(indicatorTypeSchema).optional(),
  kill_chain_phases: z.array(killChainPhaseSchema).optional(),
  language: shortString.optional(),
  likely_impact: medString.optional(),
  negate: z.boolean().optional(),
  revision: nonNegativeInt.optional(),
  severity: severitySchema.optional(),
  short_description: medString.optional(),
  source: medString.optional(),
  source_uri: uri.optional(),
  // indicator.md "specification": one of several rule formats (Judgement, Snort, SIOC, OpenIOC);
  // graphsoc never sets it, so only "an object" is checked.
  specification: z.record(z.string(), z.unknown()).optional(),
  tags: z.array(shortString).optional(),
  test_mechanisms: z.array(medString).optional(),
  timestamp: isoDateTime.optional(),
  title: shortString.optional(),
  tlp: tlpSchema.optional(),
});
export type Indicator = z.infer<typeof indicatorSchema>;
