// Walks the zod config schema so environment overrides and docs can find the keys it declares.
// Only the zod node kinds the config schema uses are handled; anything else is treated as a leaf.
import type { z } from 'zod';

type AnyZod = z.ZodType;

interface ZodDef {
  type: string;
  innerType?: AnyZod;
  in?: AnyZod;
  element?: AnyZod;
  shape?: Record<string, AnyZod>;
}

function def(s: AnyZod): ZodDef {
  return (s as unknown as { _zod: { def: ZodDef } })._zod.def;
}

/** Strips optional/default/prefault/transform wrappers and returns the schema that holds the data shape. */
export function unwrap(s: AnyZod): AnyZod {
  let cur = s;
  for (let i = 0; i < 20; i++) {
    const d = def(cur);
    if (d.innerType) cur = d.innerType;
    else if (d.type === 'pipe' && d.in) cur = d.in;
    else return cur;
  }
  return cur;
}

export type SchemaNode =
  | { kind: 'object'; fields: Record<string, AnyZod> }
  | { kind: 'array'; element: AnyZod }
  | { kind: 'leaf'; type: string };

export function nodeOf(s: AnyZod): SchemaNode {
  const inner = unwrap(s);
  const d = def(inner);
  if (d.type === 'object' && d.shape) return { kind: 'object', fields: d.shape };
  if (d.type === 'array' && d.element) return { kind: 'array', element: d.element };
  return { kind: 'leaf', type: d.type };
}

/** `clientSecret` → `CLIENT_SECRET`, the form keys take in environment variable names. */
export function toEnvSegment(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

/** The schema of the key at a path, or undefined when the schema declares no such key. */
function schemaAt(schema: AnyZod, path: ReadonlyArray<string | number>): AnyZod | undefined {
  let cur = schema;
  for (const part of path) {
    const node = nodeOf(cur);
    if (node.kind === 'array' && typeof part === 'number') cur = node.element;
    else if (node.kind === 'object' && typeof part === 'string' && node.fields[part]) cur = node.fields[part];
    else return undefined;
  }
  return cur;
}

/** The leaf type at a key path (`number`, `boolean`, `string` …), or undefined when it is no leaf. */
export function leafTypeAt(schema: AnyZod, path: ReadonlyArray<string | number>): string | undefined {
  const at = schemaAt(schema, path);
  const node = at && nodeOf(at);
  return node?.kind === 'leaf' ? node.type : undefined;
}

/** The value a key takes when it is left out, or undefined when it has no default. */
export function defaultAt(schema: AnyZod, path: ReadonlyArray<string | number>): unknown {
  let cur = schemaAt(schema, path);
  for (let i = 0; cur && i < 20; i++) {
    const d = def(cur) as ZodDef & { defaultValue?: unknown };
    if (d.type === 'default') return d.defaultValue;
    cur = d.innerType;
  }
  return undefined;
}
