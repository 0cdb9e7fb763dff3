// Bodies of POST /observables/search and /indicators/search (reference §2.3, §2.4, the trustar2 SDK's
// handlers) and what both share: the page size, the time window and the enclaves a caller may read.
import { z } from 'zod';
import { decodeCursor, type CursorState } from './cursor.js';
import type { Enclave } from './enclaves.js';

export const OBSERVABLE_TYPES = [
  'BITCOIN_ADDRESS',
  'CIDR_BLOCK',
  'EMAIL_ADDRESS',
  'IP4',
  'IP6',
  'MD5',
  'PHONE_NUMBER',
  'REGISTRY_KEY',
  'SHA1',
  'SHA256',
  'SOFTWARE',
  'URL',
  'X_ID',
  'DOMAIN',
] as const;

const tagList = z.array(z.string().max(200)).max(20);

const common = {
  queryTerm: z.string().max(1000).optional(),
  enclaveGuids: z.array(z.string().max(100)).max(100).optional(),
  types: z.array(z.enum(OBSERVABLE_TYPES)).max(OBSERVABLE_TYPES.length).optional(),
  from: z.number().int().min(0).optional(),
  to: z.number().int().min(0).optional(),
  sortOrder: z.enum(['ASC', 'DESC']).optional(),
  cursor: z.string().max(2000).optional(),
};

export const observablesBody = z.looseObject({
  ...common,
  includedTags: tagList.optional(),
  excludedTags: tagList.optional(),
  sortColumn: z.enum(['FIRST_SEEN', 'LAST_SEEN']).optional(),
});
export type ObservablesBody = z.output<typeof observablesBody>;

export const ATTRIBUTE_TYPES = ['THREAT_ACTOR', 'MALWARE', 'CARO_MALWARE', 'CVE', 'MITRE_TACTIC'] as const;

export const indicatorsBody = z.looseObject({
  ...common,
  priorityScores: z.array(z.number().int().min(-1).max(3)).max(5).optional(),
  attributes: z
    .array(z.object({ type: z.enum(ATTRIBUTE_TYPES), value: z.string().max(500) }))
    .max(50)
    .optional(),
  relatedObservables: z
    .array(z.object({ type: z.enum(OBSERVABLE_TYPES), value: z.string().max(5000) }))
    .max(50)
    .optional(),
  includeSafelisted: z.boolean().optional(),
  sortColumn: z.enum(['CREATED', 'PROCESSED_AT', 'UPDATED']).optional(),
});
export type IndicatorsBody = z.output<typeof indicatorsBody>;

const YEAR_MS = 365 * 86_400_000;

/** A refusal the route answers 400 with TruSTAR's error body. */
export class SearchRefused extends Error {}

export interface Window {
  from: number;
  to: number;
}

/** from/to in ms; `to` defaults to now and `from` to one year before it, the longest window allowed. */
export function timeWindow(
  body: { from?: number | undefined; to?: number | undefined },
  now: number,
): Window {
  const to = body.to ?? now;
  const from = body.from ?? to - YEAR_MS;
  if (from > to) throw new SearchRefused('From time must be before to time.');
  if (to - from > YEAR_MS) throw new SearchRefused('Time window can not be greater than 1 year.');
  return { from, to };
}

/** The enclaves searched: the ones asked for, each readable, or every readable one. */
export function searchedEnclaves(asked: string[] | undefined, enclaves: readonly Enclave[]): Set<string> {
  const readable = new Set(enclaves.filter((e) => e.read).map((e) => e.id.toLowerCase()));
  if (asked === undefined || asked.length === 0) return readable;
  const refused = asked.filter((id) => !readable.has(id.toLowerCase()));
  if (refused.length > 0)
    throw new SearchRefused(`User does not have read access to enclave(s): ${refused.join(', ')}`);
  return new Set(asked.map((id) => id.toLowerCase()));
}

/** pageSize from the query string: 1..1000, default 25 (the SDK's). */
export function pageSize(raw: string | undefined): number {
  if (raw === undefined) return 25;
  const n = /^\d{1,7}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(n >= 1 && n <= 1000)) throw new SearchRefused('pageSize must be between 1 and 1000.');
  return n;
}

export function cursorState(text: string | undefined): CursorState | undefined {
  if (text === undefined || text === '') return undefined;
  const c = decodeCursor(text);
  if (c === undefined) throw new SearchRefused('Invalid cursor.');
  return c;
}

/** The emulator orders by lastSeen ascending only (see docs/emulators.md, TruSTAR limits). */
export function checkSort(
  column: string | undefined,
  order: string | undefined,
  native: readonly string[],
): void {
  if ((column !== undefined && !native.includes(column)) || (order !== undefined && order !== 'ASC'))
    throw new SearchRefused(`The emulator sorts by ${native.join(' or ')} ASC only.`);
}
