// zod shapes of the Microsoft Graph payloads the client itself reads: errors, collection pages and $batch.
import { z } from 'zod';

/**
 * Graph's error body.
 * @link https://learn.microsoft.com/graph/errors#error-resource-type
 */
export const graphErrorSchema = z.object({
  error: z.looseObject({
    code: z.string(),
    message: z.string().default(''),
    innerError: z
      .looseObject({
        date: z.string().optional(),
        'request-id': z.string().optional(),
        'client-request-id': z.string().optional(),
      })
      .optional(),
  }),
});

/**
 * One page of a collection or a delta round.
 * @link https://learn.microsoft.com/graph/paging
 * @link https://learn.microsoft.com/graph/delta-query-overview
 */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.looseObject({
    value: z.array(item),
    '@odata.nextLink': z.string().optional(),
    '@odata.deltaLink': z.string().optional(),
  });
}

/**
 * JSON batching: request and answer.
 * @link https://learn.microsoft.com/graph/json-batching
 */
export const batchResponseSchema = z.object({
  responses: z.array(
    z.object({
      id: z.string(),
      status: z.number().int(),
      headers: z.record(z.string(), z.string()).optional(),
      body: z.unknown().optional(),
    }),
  ),
});

/** @link https://learn.microsoft.com/graph/api/organization-get */
export const organizationListSchema = z.object({ value: z.array(z.looseObject({ id: z.string() })) });
