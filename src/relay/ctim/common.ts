// Building blocks shared by the CTIM entities: bounded strings, timestamps, time ranges, ids,
// observables and external references.
// Source: threatgrid/ctim doc/structures/sighting.md (ObservedTime, ExternalReference, Observable),
// doc/structures/judgement.md (ValidTime) and src/ctim/domain/id.cljc (reference/relay.md §5.4).
import { z } from 'zod';
import { observableTypeSchema } from './observable-types.js';

// CTIM's string sizes: ShortString, MedString and Markdown (doc/structures/*.md "String with at most …").
export const SHORT_STRING_MAX = 1024;
export const MED_STRING_MAX = 2048;
export const MARKDOWN_MAX = 5000;
/** src/ctim/domain/id.cljc: an id, long or short, is at most 2048 characters. */
export const ID_MAX = 2048;

export const shortString = z.string().max(SHORT_STRING_MAX);
export const medString = z.string().max(MED_STRING_MAX);
export const markdown = z.string().max(MARKDOWN_MAX);

/** Integers CTIM documents as "Zero, or a positive integer" (count, revision, row_count). */
export const nonNegativeInt = z.int().min(0);

/** A URI: CTIM only says "A URI", so any absolute URL Node can parse, bounded like an id. */
export const uri = z
  .string()
  .max(ID_MAX)
  .refine((s) => URL.canParse(s), { message: 'Invalid URI: expected an absolute URL.' });

/**
 * An ISO-8601 instant with a zone (`Z` or `±hh:mm`). Graph sends seven fractional digits, so any
 * precision is allowed; a time without a zone is refused because CTIM consumers would each guess one.
 */
export const isoDateTime = z.iso.datetime({ offset: true });

/**
 * Orders two ISO instants (negative, zero, positive) to the last fractional digit: Date.parse stops
 * at milliseconds, so instants within one millisecond are told apart by their further digits (a zone
 * offset is whole minutes, so those digits compare alike under any offset).
 */
export function compareInstants(a: string, b: string): number {
  const ms = Date.parse(a) - Date.parse(b);
  if (ms !== 0 || Number.isNaN(ms)) return ms;
  const da = subMillisecond(a);
  const db = subMillisecond(b);
  const width = Math.max(da.length, db.length);
  const pa = da.padEnd(width, '0');
  const pb = db.padEnd(width, '0');
  return pa < pb ? -1 : pa > pb ? 1 : 0;
}

/** The fractional digits of an instant past the third (Date.parse keeps those three). */
function subMillisecond(iso: string): string {
  return /T[^.]*\.\d{3}(\d*)/.exec(iso)?.[1] ?? '';
}

const notAfter = (start: string | undefined, end: string | undefined): boolean =>
  start === undefined || end === undefined || compareInstants(start, end) <= 0;

// ctim doc/structures/sighting.md "ObservedTime": `start_time` must come before `end_time` (if specified).
// Graph gives one instant for both, so equal times are fine.
export const observedTimeSchema = z
  .strictObject({ start_time: isoDateTime, end_time: isoDateTime.optional() })
  .refine((t) => notAfter(t.start_time, t.end_time), {
    message: 'end_time must not be before start_time.',
    path: ['end_time'],
  });
export type ObservedTime = z.infer<typeof observedTimeSchema>;

// ctim doc/structures/judgement.md "ValidTime": both ends optional, an open end means unbounded.
export const validTimeSchema = z
  .strictObject({ start_time: isoDateTime.optional(), end_time: isoDateTime.optional() })
  .refine((t) => notAfter(t.start_time, t.end_time), {
    message: 'end_time must not be before start_time.',
    path: ['end_time'],
  });
export type ValidTime = z.infer<typeof validTimeSchema>;

// ctim doc/structures/sighting.md "Observable": a type name and a non-empty value.
export const observableSchema = z.strictObject({ type: observableTypeSchema, value: z.string().min(1) });
export type CtimObservable = z.infer<typeof observableSchema>;

// ctim doc/structures/sighting.md "ExternalReference": pointers to non-CTIM records.
export const externalReferenceSchema = z.strictObject({
  source_name: medString.min(1),
  description: markdown.optional(),
  external_id: z.string().optional(),
  hashes: z.array(z.string()).optional(),
  url: uri.optional(),
});
export type ExternalReference = z.infer<typeof externalReferenceSchema>;

// src/ctim/domain/id.cljc `transient-id-pattern` is "transient:.*": an id valid only inside one
// answer, which Threat Response may later swap for a stored one. `.` stops at line breaks, as there.
export const TRANSIENT_ID_PATTERN = /^transient:.*$/;

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const ENTITY_TYPE = '[a-z][a-z0-9]*(?:-[a-z0-9]+)*';
/** Short id `<type>-<uuid>`, e.g. `judgement-de305d54-75b4-431b-adb2-eb6b9e546014`. */
export const SHORT_ID_PATTERN = new RegExp(`^(${ENTITY_TYPE})-${UUID}$`);
/** Long id `http(s)://host(:port)(/path)*\/ctia/<type>/<type>-<uuid>`; the two types must agree. */
export const LONG_ID_PATTERN = new RegExp(
  `^https?://[A-Za-z0-9.-]+(?::\\d{1,5})?(?:/[^/\\s?#]+)*/ctia/(${ENTITY_TYPE})/\\1-${UUID}$`,
);

export function isTransientId(id: string): boolean {
  return id.length <= ID_MAX && TRANSIENT_ID_PATTERN.test(id);
}

export function isShortId(id: string): boolean {
  return id.length <= ID_MAX && SHORT_ID_PATTERN.test(id);
}

/** Whether `id` is a long (URL) id; with `type`, also that it names an entity of that type. */
export function isLongId(id: string, type?: string): boolean {
  if (id.length > ID_MAX) return false;
  const m = LONG_ID_PATTERN.exec(id);
  return m !== null && (type === undefined || m[1] === type);
}

/** The `id` of an entity of `type`: a transient id, or a long id naming that same type. */
export function entityIdSchema(type: string) {
  return z
    .string()
    .max(ID_MAX)
    .refine((id) => isTransientId(id) || isLongId(id, type), {
      message: `Invalid id: expected transient:… or a long ${type} id.`,
    });
}

/** A reference to another entity (judgement_id, source_ref, …): transient or long id of any type. */
export const referenceSchema = z
  .string()
  .max(ID_MAX)
  .refine((id) => isTransientId(id) || isLongId(id), {
    message: 'Invalid reference: expected transient:… or a long CTIA id.',
  });

// ctim doc/structures/*.md "Property schema_version": the spec checks `\w+.\w+.\w+`.
export const schemaVersionSchema = z.string().regex(/^\w+\.\w+\.\w+$/, 'Invalid schema_version.');
