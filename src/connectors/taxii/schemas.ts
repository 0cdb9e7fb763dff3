// zod shapes of the TAXII 2.1 resources we read (OASIS TAXII 2.1 §4–5). Loose objects keep unknown
// fields out of the way; lists and strings have bounds so a hostile answer cannot grow without end.
// Objects inside an envelope stay unknown here: one bad object must not fail a page, so the reader
// checks each one.
import { z } from 'zod';

const text = z.string().max(10_000);
const url = z.string().min(1).max(2000);

/** STIX/TAXII timestamp: RFC 3339 in UTC with Z (STIX 2.1 §3.2). */
export const timestamp = z
  .string()
  .max(40)
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/, 'expected an RFC 3339 UTC timestamp');

/** @link https://docs.oasis-open.org/cti/taxii/v2.1/os/taxii-v2.1-os.html#_Toc31107543 (error message) */
export const errorSchema = z.looseObject({
  title: text,
  description: text.optional(),
  error_id: z.string().max(200).optional(),
  error_code: z.string().max(200).optional(),
  http_status: z.string().max(10).optional(),
});

/** @link https://docs.oasis-open.org/cti/taxii/v2.1/os/taxii-v2.1-os.html#_Toc31107528 (discovery) */
export const discoverySchema = z.looseObject({
  title: text,
  description: text.optional(),
  default: url.optional(),
  api_roots: z.array(url).max(1000).default([]),
});

/** @link https://docs.oasis-open.org/cti/taxii/v2.1/os/taxii-v2.1-os.html#_Toc31107530 (API root) */
export const apiRootSchema = z.looseObject({
  title: text,
  description: text.optional(),
  versions: z.array(z.string().max(200)).min(1).max(100),
  max_content_length: z.number().int().min(0),
});

/** @link https://docs.oasis-open.org/cti/taxii/v2.1/os/taxii-v2.1-os.html#_Toc31107534 (collection) */
export const collectionSchema = z.looseObject({
  id: z.string().min(1).max(200),
  title: text,
  description: text.optional(),
  alias: z.string().max(200).optional(),
  can_read: z.boolean(),
  can_write: z.boolean(),
  media_types: z.array(z.string().max(200)).max(100).optional(),
});

export const collectionsSchema = z.looseObject({
  collections: z.array(collectionSchema).max(10_000).default([]),
});

/** @link https://docs.oasis-open.org/cti/taxii/v2.1/os/taxii-v2.1-os.html#_Toc31107523 (envelope) */
export const envelopeSchema = z.looseObject({
  more: z.boolean().default(false),
  next: z.string().min(1).max(8192).optional(),
  objects: z.array(z.unknown()).max(100_000).default([]),
});
