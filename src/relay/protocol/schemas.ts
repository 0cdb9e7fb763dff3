// Request bodies of the relay protocol, validated with zod; messages name the index and field as
// the seeds' marshmallow messages do (reference/relay.md §1.2).
import { z } from 'zod';
import { RELAY_CODES, RelayError } from './relay-error.js';

const nonBlank = z
  .string({
    error: (iss) => (iss.input === undefined ? 'Missing data for required field.' : 'Not a valid string.'),
  })
  .refine((s) => s.trim() !== '', { message: 'Field may not be blank.' });

export const observableSchema = z.strictObject(
  { type: nonBlank, value: nonBlank },
  { error: 'Invalid input type.' },
);
export type Observable = z.infer<typeof observableSchema>;

/** Longest list one request may carry; Threat Response sends far fewer. */
export const MAX_OBSERVABLES = 1000;

export const observablesSchema = z
  .array(observableSchema, { error: 'Invalid input type.' })
  .max(MAX_OBSERVABLES, { message: `At most ${MAX_OBSERVABLES} observables per request.` });

export const triggerSchema = z.looseObject({
  'action-id': nonBlank,
  observable_type: nonBlank,
  observable_value: nonBlank,
});
export type TriggerParams = z.infer<typeof triggerSchema>;

export const tileSchema = z.looseObject({ tile_id: nonBlank });
export const tileDataSchema = z.looseObject({ tile_id: nonBlank, period: nonBlank });

type Problems = { [key: string]: Problems | string[] };

/** Puts a message at a path, as marshmallow nests them: {"0": {"value": ["..."]}}. */
function put(problems: Problems, path: readonly PropertyKey[], message: string): void {
  let node = problems;
  const keys = path.length === 0 ? ['_schema'] : path.map(String);
  for (const k of keys.slice(0, -1)) {
    let next = node[k];
    if (!next || Array.isArray(next)) {
      next = {};
      node[k] = next;
    }
    node = next;
  }
  const last = keys[keys.length - 1] ?? '_schema';
  const list = node[last];
  node[last] = [...(Array.isArray(list) ? list : []), message];
}

/** Parses a body or throws the protocol's `invalid argument` error with a readable message. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const r = schema.safeParse(body);
  if (r.success) return r.data;
  const problems: Problems = {};
  for (const issue of r.error.issues.slice(0, 20)) {
    if (issue.code === 'unrecognized_keys') {
      for (const k of issue.keys) put(problems, [...issue.path, k], 'Unknown field.');
    } else put(problems, issue.path, issue.message);
  }
  throw new RelayError(
    RELAY_CODES.INVALID_ARGUMENT,
    `Invalid JSON payload received. ${JSON.stringify(problems)}`,
  );
}
