// zod shapes of the TruSTAR payloads we read (reference/threat-intel.md §2; payloads in
// reference/ti-fixtures/trustar/). Unknown fields are kept out of the way (loose objects); the fields
// we use are required, and lists and strings have bounds so a hostile answer cannot grow without end.
import { z } from 'zod';

/** @link https://docs.trustar.co/api/v20/index.html (Authentication) */
export const tokenResponseSchema = z.looseObject({
  access_token: z.string().min(1).max(4096),
  token_type: z.string().max(100).optional(),
  expires_in: z.number().int().min(0),
});

/**
 * An expired or unknown token: HTTP 400 with one of these descriptions (the SDKs refresh on exactly
 * these; trustar-sdk2-proto `api_client.py::_token_is_expired`).
 */
export const tokenErrorSchema = z.looseObject({
  error: z.string().max(200).optional(),
  error_description: z.string().max(2000),
});

/** @link https://docs.trustar.co/api/v12 (error shape; assumed for 2.0 by the reference, §2.6) */
export const genericErrorSchema = z.looseObject({
  status: z.number().int().optional(),
  error: z.string().max(200).optional(),
  message: z.string().max(2000),
});

/** @link https://docs.trustar.co/api/v13/errors/too_many_requests.html — waitTime is milliseconds. */
export const throttledSchema = z.looseObject({
  message: z.string().max(2000).optional(),
  waitTime: z.number().min(0),
});

const guid = z.string().min(1).max(100);
const tags = z.array(z.string().max(1000)).max(1000);

/** @link trustar-sdk2-proto models/searched_observable.py (reference §1.4, §2.3) */
export const observableSchema = z.looseObject({
  type: z.string().min(1).max(100),
  value: z.string().min(1).max(100_000),
  firstSeen: z.number().int().nullish(),
  lastSeen: z.number().int().nullish(),
  enclaveGuids: z.array(guid).max(1000).default([]),
  tags: tags.default([]),
});

/** @link trustar-sdk2-proto tests/unit/resources.py::prioritized_indicator (reference §2.4) */
export const indicatorSchema = z.looseObject({
  guid: guid,
  enclaveGuid: guid,
  workflowGuid: guid.nullish(),
  observable: z.looseObject({ value: z.string().min(1).max(100_000), type: z.string().min(1).max(100) }),
  priorityScore: z.string().max(100),
  attributes: z
    .array(z.looseObject({ value: z.string().max(1000), type: z.string().max(100) }))
    .max(1000)
    .default([]),
  userTags: tags.default([]),
  submissionTags: tags.default([]),
  scoreContexts: z
    .array(
      z.looseObject({
        enclaveGuid: guid.nullish(),
        sourceName: z.string().max(1000).nullish(),
        normalizedScore: z.number().nullish(),
        weight: z.number().nullish(),
        enclaveName: z.string().max(1000).nullish(),
      }),
    )
    .max(1000)
    .default([]),
  created: z.number().int().nullish(),
  updated: z.number().int().nullish(),
  processedAt: z.number().int().nullish(),
  safelisted: z.boolean().default(false),
});

/** The search envelope: `items` and `responseMetadata.nextCursor` ("" or absent on the last page). */
export function searchPageSchema<T extends z.ZodType>(item: T) {
  return z.looseObject({
    items: z.array(item).max(10_000),
    responseMetadata: z.looseObject({ nextCursor: z.string().max(8192).nullish() }).nullish(),
  });
}

/** @link trustar-sdk2-proto tests/unit/resources.py::enclave */
export const enclaveSchema = z.looseObject({
  id: guid,
  name: z.string().max(1000),
  read: z.boolean(),
  type: z.string().max(100).optional(),
});

/** @link https://docs.trustar.co/api/v13/request_quotas.html */
export const requestQuotaSchema = z.looseObject({
  guid: guid.optional(),
  maxRequests: z.number().int(),
  usedRequests: z.number().int(),
  timeWindow: z.number().int(),
  lastResetTime: z.number().int().optional(),
  nextResetTime: z.number().int(),
});
