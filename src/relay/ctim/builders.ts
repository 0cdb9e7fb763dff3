// Builders for CTIM objects: they fill the fields every relay sets the same way (id, type,
// schema_version, counts, default confidences) and validate the result with its schema, so a
// mapping bug surfaces as GSOC_CTIM_INVALID here instead of as a silently dropped object in
// Threat Response. They do not map remote data; the connectors' mapping steps do that.
// Validation costs ~30 µs per object; a relay answering hundreds of sightings a second may turn
// it off (setCtimChecks) once its mappings are covered by tests that validate every answer.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { CtimError } from './errors.js';
import { type Indicator, indicatorSchema } from './indicator.js';
import { type Judgement, judgementSchema, PRIORITY_AUTOMATED_MAX } from './judgement.js';
import { type Relationship, relationshipSchema } from './relationship.js';
import { type Sighting, sightingSchema } from './sighting.js';
import { type Verdict, verdictSchema } from './verdict.js';
import {
  CTIM_SCHEMA_VERSION,
  DISPOSITIONS,
  type DispositionName,
  type DispositionNumber,
} from './vocabulary.js';

/** Fields a builder fills itself; the caller may still set them. */
type Defaulted<T, K extends keyof T> = Omit<T, K | 'type' | 'schema_version'> & Partial<Pick<T, K>>;

/** Either spelling of a disposition; the builder adds the other one. */
type DispositionInput =
  | { disposition: DispositionNumber; disposition_name?: DispositionName }
  | { disposition?: DispositionNumber; disposition_name: DispositionName };

export type SightingInput = Defaulted<Sighting, 'id' | 'count' | 'confidence'>;
export type JudgementInput = Defaulted<
  Omit<Judgement, 'disposition' | 'disposition_name'>,
  'id' | 'confidence' | 'severity' | 'priority' | 'valid_time'
> &
  DispositionInput;
export type VerdictInput = Defaulted<Omit<Verdict, 'disposition' | 'disposition_name'>, 'valid_time'> &
  DispositionInput;
export type IndicatorInput = Defaulted<Indicator, 'id' | 'valid_time'>;
export type RelationshipInput = Defaulted<Relationship, 'id'>;

const ENTITY_TYPE = /^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*$/;

/** A fresh id valid only inside one answer: `transient:<type>-<uuid4>`, as the relays make them. */
export function transientId(type: string): string {
  if (!ENTITY_TYPE.test(type)) {
    throw new CtimError('id', [
      { path: '', message: `Not an entity type name: ${JSON.stringify(type.slice(0, 64))}.` },
    ]);
  }
  return `transient:${type}-${randomUUID()}`;
}

let checking = true;

/** Whether the builders validate what they build (on unless turned off). */
export function setCtimChecks(on: boolean): void {
  checking = on;
}

/**
 * Validates `value` against `schema` and returns the parsed copy, or throws CtimError. With checks
 * off it returns `value` itself: the CTIM schemas have no defaults or transforms, so a valid value
 * and its parsed copy are equal.
 */
export function checkCtim<S extends z.ZodType>(entity: string, schema: S, value: unknown): z.output<S> {
  if (!checking) return value as z.output<S>;
  const r = schema.safeParse(value);
  if (!r.success) throw CtimError.fromZod(entity, r.error);
  return r.data;
}

/**
 * Drops keys whose value is undefined, so optional fields left unset do not appear at all. A plain
 * loop: this runs for every document of every answer, and entries/fromEntries cost several times more.
 */
function compact<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o)) {
    const v = (o as Record<string, unknown>)[k];
    if (v !== undefined) out[k] = v;
  }
  return out as T;
}

function nowIso(): string {
  return new Date().toISOString();
}

/** Completes a disposition pair from whichever half was given; a clash is left for the schema. */
function fillDisposition(d: DispositionInput): { disposition?: number; disposition_name?: string } {
  const byName = Object.entries(DISPOSITIONS).find(([, name]) => name === d.disposition_name)?.[0];
  return {
    disposition: d.disposition ?? (byName === undefined ? undefined : Number(byName)),
    disposition_name:
      d.disposition_name ?? (d.disposition === undefined ? undefined : DISPOSITIONS[d.disposition]),
  };
}

/** A sighting; defaults: transient id, count 1, confidence Unknown. */
export function sighting(input: SightingInput): Sighting {
  const { id, count, confidence, ...rest } = input;
  return checkCtim(
    'sighting',
    sightingSchema,
    compact({
      id: id ?? transientId('sighting'),
      type: 'sighting',
      schema_version: CTIM_SCHEMA_VERSION,
      count: count ?? 1,
      confidence: confidence ?? 'Unknown',
      ...compact(rest),
    }),
  );
}

/** A judgement; defaults: transient id, confidence and severity Unknown, priority 90, valid from now. */
export function judgement(input: JudgementInput): Judgement {
  const { id, confidence, severity, priority, valid_time, disposition, disposition_name, ...rest } = input;
  return checkCtim(
    'judgement',
    judgementSchema,
    compact({
      id: id ?? transientId('judgement'),
      type: 'judgement',
      schema_version: CTIM_SCHEMA_VERSION,
      ...fillDisposition({ disposition, disposition_name } as DispositionInput),
      confidence: confidence ?? 'Unknown',
      severity: severity ?? 'Unknown',
      priority: priority ?? PRIORITY_AUTOMATED_MAX,
      valid_time: valid_time ?? { start_time: nowIso() },
      ...compact(rest),
    }),
  );
}

/** A verdict; default: valid from now. */
export function verdict(input: VerdictInput): Verdict {
  const { valid_time, disposition, disposition_name, ...rest } = input;
  return checkCtim(
    'verdict',
    verdictSchema,
    compact({
      type: 'verdict',
      ...fillDisposition({ disposition, disposition_name } as DispositionInput),
      valid_time: valid_time ?? { start_time: nowIso() },
      ...compact(rest),
    }),
  );
}

/** The verdict a judgement implies: same observable, disposition and validity, pointing back to it. */
export function verdictFor(j: Judgement): Verdict {
  return verdict({
    observable: j.observable,
    disposition: j.disposition,
    disposition_name: j.disposition_name,
    valid_time: j.valid_time,
    judgement_id: j.id,
  });
}

/** An indicator; defaults: transient id, valid from now. */
export function indicator(input: IndicatorInput): Indicator {
  const { id, valid_time, ...rest } = input;
  return checkCtim(
    'indicator',
    indicatorSchema,
    compact({
      id: id ?? transientId('indicator'),
      type: 'indicator',
      schema_version: CTIM_SCHEMA_VERSION,
      valid_time: valid_time ?? { start_time: nowIso() },
      ...compact(rest),
    }),
  );
}

/** A relationship; default: transient id. */
export function relationship(input: RelationshipInput): Relationship {
  const { id, ...rest } = input;
  return checkCtim(
    'relationship',
    relationshipSchema,
    compact({
      id: id ?? transientId('relationship'),
      type: 'relationship',
      schema_version: CTIM_SCHEMA_VERSION,
      ...compact(rest),
    }),
  );
}
