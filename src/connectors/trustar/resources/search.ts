// Cursor paging shared by the two searches (reference §1.4): the same POST with `cursor` added to the
// body, until `responseMetadata.nextCursor` is "" or absent. One page is in memory at a time; each
// page carries the cursor after it so a caller can store it once the page is committed and resume.
// The query is checked here before anything is sent.
import { z } from 'zod';
import type { TrustarClient, TrustarRequest } from '../client.js';
import { errors, TrustarQueryError, TrustarResponseError } from '../errors.js';
import { searchPageSchema } from '../schemas.js';
import type { SearchPage } from '../types.js';

/** The SDK refuses windows over 364 days; TruSTAR refuses more than a year. */
export const MAX_WINDOW_MS = 364 * 86_400_000;

const epochMs = z
  .union([z.number().int().min(0), z.date()])
  .transform((v) => (typeof v === 'number' ? v : v.getTime()));

/** Fields both searches take; each resource extends it. */
export const baseQuery = z.object({
  /** Window start and end, ms since the epoch (or Dates); at most 364 days apart. */
  from: epochMs,
  to: epochMs,
  /** A subset of the configured enclaves; default all of them. */
  enclaveIds: z.array(z.string().min(1).max(100)).min(1).max(100).optional(),
  queryTerm: z.string().min(1).max(1000).optional(),
  /** Resume after a stored cursor. */
  cursor: z.string().min(1).max(8192).optional(),
  /** Default: the connection's pageSize. */
  pageSize: z.number().int().min(1).max(1000).optional(),
});

/** Parses a query, naming what is wrong in a GSOC_TRUSTAR_QUERY_INVALID. */
export function parseQuery<S extends z.ZodType>(schema: S, query: unknown): z.output<S> {
  const r = schema.safeParse(query);
  if (!r.success) {
    const first = r.error.issues[0];
    throw new TrustarQueryError(
      errors.QUERY_INVALID,
      `TruSTAR search query: ${first?.path.join('.') || '(query)'}: ${first?.message ?? 'invalid'}`,
    );
  }
  const q = r.data as { from: number; to: number };
  if (q.from > q.to)
    throw new TrustarQueryError(errors.QUERY_INVALID, 'TruSTAR search query: from is after to');
  if (q.to - q.from > MAX_WINDOW_MS)
    throw new TrustarQueryError(
      errors.QUERY_INVALID,
      'TruSTAR search query: the window is longer than 364 days',
    );
  return r.data;
}

/** The enclaves to send: the configured ones, or a subset of them; never another. */
export function enclavesFor(client: TrustarClient, asked: readonly string[] | undefined): string[] {
  const configured = client.connection.enclaveIds;
  if (asked === undefined) return [...configured];
  const wanted = [...new Set(asked.map((id) => id.toLowerCase()))];
  const outside = wanted.filter((id) => !configured.includes(id));
  if (outside.length > 0)
    throw new TrustarQueryError(
      errors.ENCLAVE_NOT_CONFIGURED,
      `TruSTAR search names enclave(s) ${outside.join(', ')} that trustar.enclaveIds does not list`,
    );
  return wanted;
}

export async function* searchPages<T extends z.ZodType>(
  client: TrustarClient,
  path: string,
  body: Record<string, unknown>,
  item: T,
  page: { cursor?: string | undefined; pageSize: number },
  o: TrustarRequest = {},
): AsyncGenerator<SearchPage<z.output<T>>> {
  const schema = searchPageSchema(item);
  let cursor = page.cursor;
  for (;;) {
    const answer = await client.post(path, cursor === undefined ? body : { ...body, cursor }, schema, {
      ...o,
      query: { ...o.query, pageSize: page.pageSize },
    });
    const next = answer.responseMetadata?.nextCursor || undefined;
    if (next !== undefined && next === cursor)
      throw new TrustarResponseError(
        errors.CURSOR_STUCK,
        `TruSTAR POST /${path} answered with the cursor it was sent (${answer.items.length} items); stopping instead of looping`,
        { retryable: true },
      );
    yield { items: answer.items, cursor, nextCursor: next };
    if (next === undefined) return;
    cursor = next;
  }
}
