// Turns one FieldContents entry of a create/update into the stored value for its field type
// (shapes: help.archerirm.cloud rest_api_inputs.htm, reference/archer-phishing.md §2.7).
// Archer ignores invalid inputs yet answers IsSuccessful:true ("incorrect IP addresses and
// non-existent ContentIds"); we model that as `ignored`. A wrong Type is a real validation error.
import { isIP } from 'node:net';
import type { ArcherState, FieldInfo, StoredValue } from './state.js';

export type FieldOutcome =
  | { kind: 'stored'; value: StoredValue }
  | { kind: 'ignored'; why: string }
  | { kind: 'rejected'; why: string };

type Entry = Record<string, unknown>;

const ignored = (why: string): FieldOutcome => ({ kind: 'ignored', why });
const stored = (value: StoredValue): FieldOutcome => ({ kind: 'stored', value });

/** ASP.NET binds JSON keys case-insensitively. */
function key(entry: Entry, name: string): unknown {
  const k = Object.keys(entry).find((x) => x.toLowerCase() === name.toLowerCase());
  return k === undefined ? undefined : entry[k];
}

export function normaliseField(state: ArcherState, field: FieldInfo, raw: unknown): FieldOutcome {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return ignored('entry is not an object');
  const entry = raw as Entry;
  const type = key(entry, 'Type');
  if (type !== undefined && type !== field.type)
    return { kind: 'rejected', why: `field ${field.id} is of type ${field.type}, not ${String(type)}` };
  const value = key(entry, 'Value');
  switch (field.type) {
    case 1:
      return value === null || typeof value === 'string'
        ? stored({ Type: 1, Value: value })
        : ignored('text value is not a string');
    case 2:
      return value === null || (typeof value === 'number' && Number.isFinite(value))
        ? stored({ Type: 2, Value: value })
        : ignored('numeric value is not a number');
    case 3:
      return dateValue(value);
    case 4:
      return valuesListValue(state, field, value);
    case 9:
      return crossReferenceValue(state, field, value);
    case 11:
      return attachmentValue(state, value);
    case 19: {
      const ip = key(entry, 'IpAddressBytes');
      if (ip === null) return stored({ Type: 19, IpAddressBytes: null });
      return typeof ip === 'string' && isIP(ip) !== 0
        ? stored({ Type: 19, IpAddressBytes: ip })
        : ignored('IpAddressBytes is not an IP address');
    }
  }
}

const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})\s*(AM|PM)?)?$/i;
const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** Archer takes "10/21/1956 11:59AM", "12/27/2016" or "0"/null for no date; reads give ISO without zone. */
function dateValue(value: unknown): FieldOutcome {
  if (value === null || value === '0') return stored({ Type: 3, Value: null });
  if (typeof value !== 'string') return ignored('date is not a string');
  const pad = (n: number) => String(n).padStart(2, '0');
  const us = US_DATE.exec(value.trim());
  if (us) {
    let hour = Number(us[4] ?? 0);
    const pm = us[6]?.toUpperCase() === 'PM';
    if (us[6] && hour === 12) hour = pm ? 12 : 0;
    else if (pm) hour += 12;
    const [month, day] = [Number(us[1]), Number(us[2])];
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23) return ignored('date out of range');
    return stored({ Type: 3, Value: `${us[3]}-${pad(month)}-${pad(day)}T${pad(hour)}:${us[5] ?? '00'}:00` });
  }
  const iso = ISO_DATE.exec(value.trim());
  if (iso) {
    const [, y, mo, d, h = '00', mi = '00', s = '00'] = iso;
    return stored({ Type: 3, Value: `${y}-${mo}-${d}T${h}:${mi}:${s}` });
  }
  return ignored('date in an unknown format');
}

function valuesListValue(state: ArcherState, field: FieldInfo, value: unknown): FieldOutcome {
  if (value === null) return stored({ Type: 4, Value: null });
  if (typeof value !== 'object' || Array.isArray(value)) return ignored('values list value is not an object');
  const ids = key(value as Entry, 'ValuesListIds');
  if (!Array.isArray(ids)) return ignored('ValuesListIds is not an array');
  const valid = ids.filter(
    (id): id is number => typeof id === 'number' && state.values.get(id)?.valuesListId === field.valuesListId,
  );
  if (valid.length === 0 && ids.length > 0) return ignored('no ValuesListIds belong to the field');
  const other = key(value as Entry, 'OtherText');
  const allowsOther = valid.some((id) => state.values.get(id)?.enableOtherText === true);
  return stored({
    Type: 4,
    Value: {
      ValuesListIds: [...new Set(valid)],
      OtherText: allowsOther && typeof other === 'string' ? other : null,
    },
  });
}

function crossReferenceValue(state: ArcherState, field: FieldInfo, value: unknown): FieldOutcome {
  if (value === null) return stored({ Type: 9, Value: null });
  // The documented shape is [{"ContentID": n}]; the seed project's {"ContentId": [n]} is silently dropped.
  if (!Array.isArray(value)) return ignored('cross-reference value is not an array');
  const refs = value
    .map((v) => (v !== null && typeof v === 'object' ? key(v as Entry, 'ContentID') : undefined))
    .filter((id): id is number => {
      if (typeof id !== 'number') return false;
      const target = state.content.get(id);
      return (
        target !== undefined &&
        (field.relatedLevelId === undefined || target.levelId === field.relatedLevelId)
      );
    });
  if (refs.length === 0 && value.length > 0) return ignored('no referenced ContentID exists');
  return stored({ Type: 9, Value: [...new Set(refs)].map((id) => ({ ContentID: id })) });
}

function attachmentValue(state: ArcherState, value: unknown): FieldOutcome {
  if (value === null) return stored({ Type: 11, Value: null });
  if (!Array.isArray(value)) return ignored('attachment value is not an array');
  const ids = value.filter((id): id is number => typeof id === 'number' && state.attachments.has(id));
  if (ids.length === 0 && value.length > 0) return ignored('no attachment id exists');
  return stored({ Type: 11, Value: [...new Set(ids)] });
}

/** The FieldContents entry a read returns: every field of the level, null where nothing is stored. */
export function readField(field: FieldInfo, value: StoredValue | undefined): Record<string, unknown> {
  if (field.type === 19)
    return { Type: 19, IpAddressBytes: value?.Type === 19 ? value.IpAddressBytes : null, FieldId: field.id };
  return { Type: field.type, Value: value && 'Value' in value ? value.Value : null, FieldId: field.id };
}
