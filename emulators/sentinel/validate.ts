// Per-object validation of the Sentinel upload APIs: the common properties every STIX object needs,
// the indicator's own, and the required properties of the other four types the STIX objects API takes.
// Each problem is one message in the documented form "Error for Property=<name>: <reason>. Actual
// value: <value>." (the docs show only the missing-property wording; the others follow it).
// https://learn.microsoft.com/azure/sentinel/stix-objects-api#common-properties
// https://docs.oasis-open.org/cti/stix/v2.1/os/stix-v2.1-os.html (§3.2 common, §4 SDOs, §5 SROs)
import { stixPatternProblem } from './pattern.js';
import { compareTimestamps, isTimestamp } from './timestamps.js';

/** The types the STIX objects API takes; the legacy Upload Indicators API takes only `indicator`. */
export const STIX_OBJECT_TYPES = ['indicator', 'attack-pattern', 'threat-actor', 'identity', 'relationship'];

/** `type--uuid` (STIX 2.1 §2.9): the UUID's hex groups, any version. */
const ID = /^([a-z0-9][a-z0-9-]{0,249})--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

type Obj = Record<string, unknown>;

const shown = (v: unknown): string => {
  if (v === undefined || v === null) return 'NULL';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 100 ? `${s.slice(0, 100)}…` : s;
};

class Problems {
  readonly list: string[] = [];
  constructor(private readonly o: Obj) {}

  missing(name: string): boolean {
    const v = this.o[name];
    if (v !== undefined && v !== null && v !== '') return false;
    this.list.push(`Error for Property=${name}: Required property is missing. Actual value: NULL.`);
    return true;
  }

  invalid(name: string, reason: string): void {
    this.list.push(`Error for Property=${name}: ${reason}. Actual value: ${shown(this.o[name])}.`);
  }

  required(name: string, check: (v: unknown) => boolean, reason: string): void {
    if (!this.missing(name) && !check(this.o[name])) this.invalid(name, reason);
  }

  optional(name: string, check: (v: unknown) => boolean, reason: string): void {
    if (this.o[name] !== undefined && !check(this.o[name])) this.invalid(name, reason);
  }
}

const isString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isStringList = (v: unknown) => Array.isArray(v) && v.every(isString);
const isRef = (type?: string) => (v: unknown) =>
  typeof v === 'string' && v.length <= 300 && ID.test(v) && (type === undefined || v.startsWith(`${type}--`));

/** The problems of object `raw` (empty when it is valid), for an API taking `types`. */
export function validateObject(raw: unknown, types: readonly string[]): string[] {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return [`Error for Property=object: Expected a JSON object. Actual value: ${shown(raw)}.`];
  const o = raw as Obj;
  const p = new Problems(o);
  p.required('type', (v) => typeof v === 'string' && types.includes(v), 'Unsupported object type');
  const type = typeof o.type === 'string' ? o.type : undefined;
  p.required('id', (v) => isRef(type)(v), `Expected ${type ?? '<type>'}--<UUID>`);
  p.optional('spec_version', (v) => v === '2.0' || v === '2.1', 'Expected 2.0 or 2.1');
  p.required('created', isTimestamp, 'Expected an RFC 3339 timestamp in UTC');
  p.required('modified', isTimestamp, 'Expected an RFC 3339 timestamp in UTC');
  if (isTimestamp(o.created) && isTimestamp(o.modified) && compareTimestamps(o.modified, o.created) < 0)
    p.invalid('modified', 'Must be later than or equal to created');
  p.optional('created_by_ref', isRef('identity'), 'Expected identity--<UUID>');
  p.optional('revoked', (v) => typeof v === 'boolean', 'Expected a boolean');
  p.optional('labels', isStringList, 'Expected a list of strings');
  p.optional(
    'confidence',
    (v) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 100,
    'Expected an integer from 0 to 100',
  );
  p.optional('lang', isString, 'Expected an RFC 5646 language code');
  p.optional(
    'object_marking_refs',
    (v) => Array.isArray(v) && v.every(isRef('marking-definition')),
    'Expected a list of marking-definition--<UUID>',
  );
  p.optional('external_references', (v) => Array.isArray(v), 'Expected a list of objects');
  if (type === 'indicator') indicator(o, p);
  else if (type === 'relationship') {
    p.required('relationship_type', isString, 'Expected a string');
    p.required('source_ref', isRef(), 'Expected <type>--<UUID>');
    p.required('target_ref', isRef(), 'Expected <type>--<UUID>');
  } else if (type !== undefined && types.includes(type)) p.required('name', isString, 'Expected a string');
  return p.list;
}

function indicator(o: Obj, p: Problems): void {
  p.required('pattern_type', isString, 'Expected a string');
  p.required('pattern', isString, 'Expected a string');
  if (o.pattern_type === 'stix' && isString(o.pattern)) {
    const problem = o.pattern.length > 10_000 ? 'pattern too long' : stixPatternProblem(o.pattern);
    if (problem) p.invalid('pattern', `Invalid STIX pattern (${problem})`);
  }
  p.required('valid_from', isTimestamp, 'Expected an RFC 3339 timestamp in UTC');
  p.optional('valid_until', isTimestamp, 'Expected an RFC 3339 timestamp in UTC');
  if (
    isTimestamp(o.valid_from) &&
    isTimestamp(o.valid_until) &&
    compareTimestamps(o.valid_until, o.valid_from) <= 0
  )
    p.invalid('valid_until', 'Must be later than valid_from');
  p.optional('name', (v) => typeof v === 'string', 'Expected a string');
  p.optional('description', (v) => typeof v === 'string', 'Expected a string');
  p.optional('indicator_types', isStringList, 'Expected a list of strings');
  p.optional('kill_chain_phases', (v) => Array.isArray(v), 'Expected a list of kill chain phases');
}
