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
