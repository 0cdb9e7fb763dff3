// zod shapes of what the Sentinel upload APIs answer. Loose on purpose: a property added later must
// not fail a call. Messages are clipped and counted so a hostile answer cannot flood state or logs.
import { z } from 'zod';

const MESSAGE_MAX = 500;
const MESSAGES_PER_RECORD = 20;

const clipped = z.string().transform((s) => (s.length > MESSAGE_MAX ? `${s.slice(0, MESSAGE_MAX - 1)}…` : s));

/**
 * 200 (or 400 when no object was valid) with per-record validation errors; the index is 0-based.
 * @link https://learn.microsoft.com/azure/sentinel/stix-objects-api#process-the-response-message
 */
export const uploadErrorsSchema = z.looseObject({
  errors: z.array(
    z.looseObject({
      recordIndex: z.number().int().min(0),
      errorMessages: z.array(clipped).transform((m) => m.slice(0, MESSAGES_PER_RECORD)),
    }),
  ),
});

/**
 * The API Management error body; documented for 429 ("Rate limit is exceeded. Try again in <n>
 * seconds."), and read the same way for the other statuses.
 * @link https://learn.microsoft.com/azure/sentinel/stix-objects-api#throttling-limits-for-the-api
 */
export const sentinelErrorSchema = z.looseObject({
  statusCode: z.number().int().optional(),
  message: clipped,
});
