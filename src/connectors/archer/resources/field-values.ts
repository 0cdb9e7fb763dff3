// Field values by meaning ↔ Archer's FieldContents entries (reference §2.7): the field's type picks
// the wire shape, values-list names become ids. A value that cannot fit its field is a typed error
// here, because Archer would drop it silently and still answer IsSuccessful:true.
import { isIP } from 'node:net';
import { ArcherValueError } from '../errors.js';
import type { fieldContentSchema } from '../schemas.js';
import type { FieldDefinition, FieldInput, FieldOutput } from '../types.js';
import type { ArcherMetadata } from './metadata.js';
import type { z } from 'zod';

export const FIELD_TYPE = {
  text: 1,
  numeric: 2,
  date: 3,
  valuesList: 4,
  crossReference: 9,
  attachment: 11,
  ip: 19,
};

type Entry = Record<string, unknown>;

const invalid = (field: FieldDefinition, why: string) =>
  new ArcherValueError(`Archer field "${field.name}" (type ${field.type}): ${why}`);

/** Archer's documented date input, "MM/DD/YYYY hh:mmAM" (rest_api_inputs.htm), in UTC. */
export function archerDate(d: Date): string {
  if (Number.isNaN(d.getTime())) throw new ArcherValueError('invalid date');
  const pad = (n: number) => String(n).padStart(2, '0');
  const h = d.getUTCHours();
  return `${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/${d.getUTCFullYear()} ${pad(h % 12 === 0 ? 12 : h % 12)}:${pad(d.getUTCMinutes())}${h < 12 ? 'AM' : 'PM'}`;
}

function ids(field: FieldDefinition, value: FieldInput, key: 'contentIds' | 'attachmentIds'): number[] {
  if (value === null || typeof value !== 'object' || !(key in value))
    throw invalid(field, `expects { ${key}: [...] }`);
  const list = (value as Record<string, readonly number[]>)[key] ?? [];
  if (!list.every((n) => Number.isInteger(n) && n > 0))
    throw invalid(field, `${key} must be positive integers`);
  return [...list];
}

export async function encodeField(
  meta: ArcherMetadata,
  field: FieldDefinition,
  value: FieldInput,
): Promise<Entry> {
  const base = { Type: field.type, FieldId: field.id };
  switch (field.type) {
    case FIELD_TYPE.text:
      if (value !== null && typeof value !== 'string') throw invalid(field, 'expects text');
      return { ...base, Value: value };
    case FIELD_TYPE.numeric:
      if (value !== null && (typeof value !== 'number' || !Number.isFinite(value)))
        throw invalid(field, 'expects a number');
      return { ...base, Value: value };
    case FIELD_TYPE.date: {
      if (value === null) return { ...base, Value: null };
      const d = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : undefined;
      if (d === undefined || Number.isNaN(d.getTime()))
        throw invalid(field, 'expects a Date or an ISO date string');
      return { ...base, Value: archerDate(d) };
    }
    case FIELD_TYPE.valuesList: {
      if (value === null) return { ...base, Value: null };
      const spec = typeof value === 'string' ? { values: [value] } : value;
      if (typeof spec !== 'object' || !('values' in spec)) throw invalid(field, 'expects value names');
      const valueIds = await Promise.all(spec.values.map((name) => meta.valueId(field, name)));
      return {
        ...base,
        Value: {
          ValuesListIds: valueIds,
          ...(spec.otherText !== undefined ? { OtherText: spec.otherText } : {}),
        },
      };
    }
    case FIELD_TYPE.crossReference:
      // The documented shape [{"ContentID": n}]; the seed project's {"ContentId":[n]} is ignored by Archer.
      return {
        ...base,
        Value: value === null ? null : ids(field, value, 'contentIds').map((id) => ({ ContentID: id })),
      };
    case FIELD_TYPE.attachment:
      return { ...base, Value: value === null ? null : ids(field, value, 'attachmentIds') };
    case FIELD_TYPE.ip:
      if (value !== null && (typeof value !== 'string' || isIP(value) === 0))
        throw invalid(field, 'expects an IP address');
      // IP fields take IpAddressBytes and no Value ("Do not use this optional field for the IP input").
      return { Type: field.type, IpAddressBytes: value, FieldId: field.id };
    default:
      throw invalid(field, 'this field type is not supported by graphsoc');
  }
}

type FieldContent = z.output<typeof fieldContentSchema>;

export async function decodeField(
  meta: ArcherMetadata,
  field: FieldDefinition,
  entry: FieldContent | undefined,
): Promise<FieldOutput> {
  if (entry === undefined) return null;
  if (field.type === FIELD_TYPE.ip) return entry.IpAddressBytes ?? null;
  const v = entry.Value;
  if (v === null || v === undefined) return null;
  switch (field.type) {
    case FIELD_TYPE.valuesList: {
      const listIds = (v as { ValuesListIds?: unknown }).ValuesListIds;
      return Array.isArray(listIds)
        ? meta.valueNames(
            field,
            listIds.filter((x): x is number => typeof x === 'number'),
          )
        : null;
    }
    case FIELD_TYPE.crossReference:
      return Array.isArray(v)
        ? v.map((r) =>
            Number(
              (r as { ContentID?: unknown; ContentId?: unknown }).ContentID ??
                (r as { ContentId?: unknown }).ContentId,
            ),
          )
        : null;
    case FIELD_TYPE.attachment:
      return Array.isArray(v) ? v.filter((x): x is number => typeof x === 'number') : null;
    default:
      return typeof v === 'string' || typeof v === 'number' ? v : JSON.stringify(v);
  }
}
