// The one canonical indicator every source produces and every sink converter reads. Times are epoch
// milliseconds (UTC); the converters write them as ISO 8601. `indicatorSchema` checks the shape of
// an indicator already built (read back from storage, say); `createIndicator` builds one from a
// source's record, normalising its value, and never throws for the record's sake.
import { z } from 'zod';
import { normaliseValue } from './normalise.js';
import { type Rejection, reject } from './rejection.js';
import { INDICATOR_TYPES, SOURCES, TLP_LEVELS, normaliseTlp } from './types.js';

const epochMs = z.number().int().min(0).max(8.64e15);

/** At most this many tags, each at most this long: sinks show tags, they do not need essays. */
export const MAX_TAGS = 50;
export const MAX_TAG_LENGTH = 128;
export const MAX_DESCRIPTION_LENGTH = 1000;

export const indicatorSchema = z
  .object({
    type: z.enum(INDICATOR_TYPES),
    /** Canonical text (normalise.ts): the same IOC always has the same value. */
    value: z.string().min(1).max(2048),
    source: z.enum(SOURCES),
    /** Where in the source: the TruSTAR enclave id or the TAXII collection id. */
    sourceRef: z.string().min(1).max(256),
    /** The source's own id of the record (TruSTAR indicator guid, STIX indicator id), if it has one. */
    sourceId: z.string().min(1).max(256).optional(),
    firstSeenMs: epochMs,
    lastSeenMs: epochMs,
    validFromMs: epochMs,
    /** When the source says the indicator stops being valid; null when it does not say. */
    validUntilMs: epochMs.nullable(),
    /** Sorted, distinct, trimmed. */
    tags: z.array(z.string().min(1).max(MAX_TAG_LENGTH)).max(MAX_TAGS),
    /**
     * 0–100, higher is more certainly malicious: STIX confidence as it is, TruSTAR priority spread
     * over the scale (source-types.ts). Null when the source gives none.
     */
    score: z.number().int().min(0).max(100).nullable(),
    tlp: z.enum(TLP_LEVELS),
    revoked: z.boolean(),
    description: z.string().min(1).max(MAX_DESCRIPTION_LENGTH).optional(),
  })
  .strict();
export type Indicator = z.infer<typeof indicatorSchema>;

/** What a source hands over: the value as the source wrote it, the type as the model's name. */
export const indicatorInputSchema = z.object({
  type: z.string().min(1).max(64),
  value: z.string(),
  source: z.enum(SOURCES),
  sourceRef: z.string().min(1).max(256),
  sourceId: z.string().min(1).max(256).optional(),
  firstSeenMs: epochMs,
  lastSeenMs: epochMs.optional(),
  validFromMs: epochMs.optional(),
  validUntilMs: epochMs.nullable().optional(),
  tags: z.array(z.string()).max(10_000).default([]),
  score: z.number().min(0).max(100).nullable().default(null),
  /** TLP 1.0 or 2.0 name, with or without `TLP:`. */
  tlp: z.string().transform((t, ctx) => {
    const tlp = normaliseTlp(t);
    if (tlp !== undefined) return tlp;
    ctx.addIssue({ code: 'custom', message: 'unknown TLP level' });
    return z.NEVER;
  }),
  revoked: z.boolean().default(false),
  description: z.string().optional(),
});
export type IndicatorInput = z.input<typeof indicatorInputSchema>;

export type CreateResult = { ok: true; indicator: Indicator } | Rejection;

export function createIndicator(input: unknown): CreateResult {
  const parsed = indicatorInputSchema.safeParse(input);
  if (!parsed.success) {
    const claimed = (input as { type?: unknown } | null)?.type;
    return reject(
      'MALFORMED_RECORD',
      typeof claimed === 'string' ? claimed : '?',
      (input as { value?: unknown } | null)?.value,
    );
  }
  const r = parsed.data;
  const value = normaliseValue(r.type, r.value);
  if (!value.ok) return value;
  const lastSeenMs = Math.max(r.lastSeenMs ?? r.firstSeenMs, r.firstSeenMs);
  const validFromMs = r.validFromMs ?? r.firstSeenMs;
  const validUntilMs = r.validUntilMs ?? null;
  const description = r.description?.trim() ? clip(r.description.trim(), MAX_DESCRIPTION_LENGTH) : undefined;
  const indicator: Indicator = {
    type: value.type,
    value: value.value,
    source: r.source,
    sourceRef: r.sourceRef,
    ...(r.sourceId === undefined ? {} : { sourceId: r.sourceId }),
    firstSeenMs: r.firstSeenMs,
    lastSeenMs,
    validFromMs,
    validUntilMs,
    tags: normaliseTags(r.tags),
    score: r.score === null ? null : Math.round(r.score),
    tlp: r.tlp,
    revoked: r.revoked,
    ...(description === undefined ? {} : { description }),
  };
  return { ok: true, indicator };
}

/** Trimmed, without control characters, distinct, sorted (so the content hash ignores order), capped. */
export function normaliseTags(tags: readonly string[]): string[] {
  const out = new Set<string>();
  for (const t of tags) {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
    const tag = clip(t.replace(/[\u0000-\u001f\u007f-\u009f]/g, '').trim(), MAX_TAG_LENGTH);
    if (tag !== '') out.add(tag);
  }
  return [...out].sort().slice(0, MAX_TAGS);
}

/** At most `max` UTF-16 units, cut before a split surrogate pair, with … when cut. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return `${cut}…`;
}
