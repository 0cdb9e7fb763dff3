// Validation of tiIndicators as create, submit and update check them: JSON types, enums, ranges,
// the 100-character description, ISO 8601 times, and the required fields of each target product.
// The error code (InvalidInput) is the one the submitTiIndicators answers quoted in
// microsoft-graph-docs-contrib#329 carry; the messages are ours.
// https://learn.microsoft.com/graph/api/resources/tiindicator?view=graph-rest-beta
import {
  BOOLEANS,
  COLLECTIONS,
  DATES,
  DESCRIPTION_MAX,
  EDITABLE,
  ENUMS,
  INTEGERS,
  KILL_CHAIN,
  KNOWN,
  MDE,
  MDE_OBSERVABLES,
  OBSERVABLES,
  REQUIRED,
  type Target,
  TARGETS,
} from './fields.js';

export interface Problem {
  code: string;
  message: string;
}

const invalid = (message: string): Problem => ({ code: 'InvalidInput', message });

/** ISO 8601 with a `T`, seconds and fraction optional, a zone required (not the seed's `str(datetime)`). */
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?(?:Z|[+-]\d{2}:\d{2})$/;

export const isIsoTime = (v: unknown): boolean =>
  typeof v === 'string' && ISO.test(v) && !Number.isNaN(Date.parse(v));

/** What is wrong with one known property's value; null is accepted as "not set". */
function valueProblem(prop: string, v: unknown): string | undefined {
  if (v === null) return undefined;
  if (COLLECTIONS.has(prop)) {
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string'))
      return `${prop} must be a string collection.`;
    if (prop === 'killChain' && v.some((x) => !KILL_CHAIN.includes(x as string)))
      return `killChain values must be among: ${KILL_CHAIN.join(', ')}.`;
    return undefined;
  }
  if (INTEGERS.has(prop)) {
    if (typeof v !== 'number' || !Number.isInteger(v)) return `${prop} must be an integer.`;
    if (prop === 'confidence' && (v < 0 || v > 100)) return 'confidence must be between 0 and 100.';
    if (prop === 'severity' && (v < 0 || v > 5)) return 'severity must be between 0 and 5.';
    return undefined;
  }
  if (BOOLEANS.has(prop)) return typeof v === 'boolean' ? undefined : `${prop} must be a boolean.`;
  if (typeof v !== 'string') return `${prop} must be a string.`;
  if (DATES.has(prop) && !isIsoTime(v)) return `${prop} is not a valid ISO 8601 DateTimeOffset.`;
  const allowed = ENUMS[prop];
  if (allowed && !allowed.includes(v)) return `${prop} must be one of: ${allowed.join(', ')}.`;
  if (prop === 'description' && v.length > DESCRIPTION_MAX)
    return `description must be ${DESCRIPTION_MAX} characters or less.`;
  return undefined;
}

function present(b: Record<string, unknown>, prop: string): boolean {
  const v = b[prop];
  return v !== undefined && v !== null && v !== '';
}

/** The types and values of every known property the body sets. */
function valuesProblem(b: Record<string, unknown>): Problem | undefined {
  for (const [prop, v] of Object.entries(b)) {
    if (!KNOWN.has(prop)) continue;
    const why = valueProblem(prop, v);
    if (why) return invalid(why);
  }
  return undefined;
}

/** A new indicator (create or one submitTiIndicators item). */
export function newIndicatorProblem(b: Record<string, unknown>): Problem | undefined {
  const target = b.targetProduct;
  if (typeof target !== 'string' || !(TARGETS as readonly string[]).includes(target))
    return invalid(`targetProduct is required and must be one of: ${TARGETS.join(', ')}.`);
  const values = valuesProblem(b);
  if (values) return values;
  for (const prop of REQUIRED[target as Target])
    if (!present(b, prop)) return invalid(`${prop} is required for targetProduct '${target}'.`);
  if (target === MDE) {
    if (!MDE_OBSERVABLES.some((p) => present(b, p)))
      return invalid(`One of ${MDE_OBSERVABLES.join(', ')} is required for targetProduct '${MDE}'.`);
  } else if (![...OBSERVABLES].some((p) => present(b, p))) {
    return invalid('Missing indicators value');
  }
  if (present(b, 'fileHashValue') && !present(b, 'fileHashType'))
    return invalid('fileHashType is required with fileHashValue.');
  return undefined;
}

/** An update of `stored`: the required fields, and only what its target lets an update change. */
export function updateProblem(
  b: Record<string, unknown>,
  stored: Record<string, unknown>,
): Problem | undefined {
  const values = valuesProblem(b);
  if (values) return values;
  if (!present(b, 'expirationDateTime')) return invalid('expirationDateTime is required.');
  if (b.targetProduct !== stored.targetProduct)
    return invalid(`targetProduct is required and must be the indicator's ('${stored.targetProduct}').`);
  const editable = EDITABLE[stored.targetProduct as Target];
  for (const prop of Object.keys(b)) {
    if (prop === 'id' || prop === 'targetProduct' || prop.startsWith('@odata.')) continue;
    if (!editable.has(prop))
      return invalid(`${prop} cannot be updated for targetProduct '${stored.targetProduct}'.`);
  }
  return undefined;
}
