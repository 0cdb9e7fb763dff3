// zod shapes of the Graph beta tiIndicators answers graphsoc reads (deprecated API; reference
// threat-intel.md §3.1). Loose like the other Graph shapes: properties we do not read must not fail
// a call. Answers to bulk actions must have one item per value sent, in order.
import { z } from 'zod';

/**
 * A tiIndicator as listed; only what graphsoc reads is checked.
 * @link https://learn.microsoft.com/graph/api/resources/tiindicator?view=graph-rest-beta
 */
export const tiIndicatorSchema = z.looseObject({
  id: z.string().min(1),
  externalId: z.string().nullish(),
  targetProduct: z.string().nullish(),
  expirationDateTime: z.string().nullish(),
});

/**
 * One item of a submitTiIndicators answer: the created indicator, or the item's error as a
 * JSON-encoded string in `Error` (microsoft-graph-docs-contrib#329; 206 when any item has one).
 * @link https://learn.microsoft.com/graph/api/tiindicator-submittiindicators?view=graph-rest-beta
 */
const submitItemSchema = z.looseObject({
  id: z.string().min(1).optional(),
  externalId: z.string().nullish(),
  Error: z.string().optional(),
});

export const submitAnswerSchema = (count: number) =>
  z.looseObject({ value: z.array(submitItemSchema).length(count) });

/** What the `Error` string of a refused item holds once decoded. */
export const itemErrorSchema = z.object({
  error: z.looseObject({ code: z.string().min(1), message: z.string().default('') }),
});

/**
 * deleteTiIndicators / deleteTiIndicatorsByExternalId: one resultInfo per value sent.
 * @link https://learn.microsoft.com/graph/api/resources/resultinfo?view=graph-rest-beta
 */
export const resultInfoAnswerSchema = (count: number) =>
  z.looseObject({
    value: z
      .array(
        z.looseObject({
          code: z.number().int(),
          message: z.string().nullish(),
          subCode: z.string().nullish(),
        }),
      )
      .length(count),
  });

export type TiIndicator = z.output<typeof tiIndicatorSchema>;
