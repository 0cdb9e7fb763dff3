// Create and update of content records: checks the level, that each field belongs to it and has the
// right Type, then stores each value or silently drops it as Archer does (strict mode reports it).
import { type Envelope, fail, message, notFound, ok, type ValidationMessage } from './envelope.js';
import { normaliseField } from './field-values.js';
import type { ArcherState, ContentRecord, StoredValue } from './state.js';

export interface WriteOptions {
  /** Report values Archer would silently drop as validation messages instead. */
  strict: boolean;
}

type Entry = Record<string, unknown>;

function key(obj: Entry, name: string): unknown {
  const k = Object.keys(obj).find((x) => x.toLowerCase() === name.toLowerCase());
  return k === undefined ? undefined : obj[k];
}

function isObject(v: unknown): v is Entry {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export function writeContent(
  state: ArcherState,
  body: unknown,
  mode: 'create' | 'update',
  opts: WriteOptions,
): Envelope {
  const content = isObject(body) ? key(body, 'Content') : undefined;
  if (!isObject(content)) return fail(message('Required', 'The Content field is a required field.'));
  const levelId = key(content, 'LevelId');
  const level = typeof levelId === 'number' ? state.levels.get(levelId) : undefined;
  if (level === undefined)
    return fail(
      message('InvalidLevel', `The level ID ${String(levelId)} is not valid.`, { erroredValue: levelId }),
    );
  let record: ContentRecord | undefined;
  if (mode === 'update') {
    const id = key(content, 'Id');
    record = typeof id === 'number' ? state.content.get(id) : undefined;
    if (record === undefined) return notFound();
    if (record.levelId !== level.id)
      return fail(
        message('InvalidLevel', `Content ${record.id} is not in level ${level.id}.`, {
          erroredValue: levelId,
        }),
      );
  }
  const fieldContents = key(content, 'FieldContents') ?? {};
  if (!isObject(fieldContents)) return fail(message('Required', 'FieldContents must be an object.'));

  const problems: ValidationMessage[] = [];
  const updates = new Map<number, StoredValue>();
  for (const [k, raw] of Object.entries(fieldContents)) {
    const field = state.fields.get(Number(k));
    if (field === undefined || field.levelId !== level.id) {
      problems.push(
        message('InvalidField', `The field ID ${k} is not valid for level ${level.id}.`, { erroredValue: k }),
      );
      continue;
    }
    const outcome = normaliseField(state, field, raw);
    if (outcome.kind === 'stored') updates.set(field.id, outcome.value);
    else if (outcome.kind === 'rejected' || opts.strict)
      problems.push(message('InvalidValue', `The ${field.name} field: ${outcome.why}.`, { erroredValue: k }));
  }
  if (mode === 'create') {
    for (const field of state.fieldsOfLevel(level.id)) {
      if (field.isRequired && isEmpty(updates.get(field.id)))
        problems.push(message('RequiredField', `The ${field.name} field is a required field.`));
    }
  }
  if (problems.length > 0) return fail(...problems);

  const target = record ?? { id: state.newContentId(), levelId: level.id, fields: new Map() };
  for (const [id, value] of updates) target.fields.set(id, value);
  state.content.set(target.id, target);
  return ok({ Id: target.id });
}

function isEmpty(v: StoredValue | undefined): boolean {
  if (v === undefined) return true;
  if (v.Type === 19) return v.IpAddressBytes === null;
  return v.Value === null || v.Value === '' || (Array.isArray(v.Value) && v.Value.length === 0);
}

/** Adds seeded records through the same normaliser; a value it would drop is a seed error. */
export function seedContent(
  state: ArcherState,
  records: Array<{ id: number; levelId: number; fields: Record<string, unknown> }>,
): void {
  for (const r of records) {
    if (!state.levels.has(r.levelId)) throw new Error(`content ${r.id}: unknown level ${r.levelId}`);
    const fields = new Map<number, StoredValue>();
    for (const [k, v] of Object.entries(r.fields)) {
      const field = state.fields.get(Number(k));
      if (field === undefined || field.levelId !== r.levelId)
        throw new Error(`content ${r.id}: field ${k} is not in level ${r.levelId}`);
      const outcome = normaliseField(state, field, field.type === 19 ? { IpAddressBytes: v } : { Value: v });
      if (outcome.kind !== 'stored') throw new Error(`content ${r.id}: field ${k}: ${outcome.why}`);
      fields.set(field.id, outcome.value);
    }
    state.content.set(r.id, { id: r.id, levelId: r.levelId, fields });
    state.reserveContentId(r.id);
  }
}
