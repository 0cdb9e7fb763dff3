// Applies GRAPHSOC_* environment variables onto the raw (not yet validated) configuration object.
// GRAPHSOC_SERVER_PORT=9000 sets server.port; GRAPHSOC_TENANTS_0_CLIENT_SECRET (by index) or
// GRAPHSOC_TENANTS_CONTOSO_CLIENT_SECRET (by tenant name) sets tenants[i].clientSecret. A variable
// wins over the file, and for a secret that holds for both spellings (`password`, `passwordFile`).
import type { z } from 'zod';
import { leafTypeAt, nodeOf, toEnvSegment } from './schema-walk.js';

/** Variables that are read elsewhere and are not configuration keys. */
const NOT_KEYS = new Set(['GRAPHSOC_CONFIG']);
/** Short forms documented for the most common settings. */
const ALIASES: Record<string, string> = {
  GRAPHSOC_PORT: 'GRAPHSOC_SERVER_PORT',
  GRAPHSOC_HOST: 'GRAPHSOC_SERVER_HOST',
};

export type RawConfig = Record<string, unknown>;

export interface EnvOverrideResult {
  /** Which variable set which key path, so problems can name the variable instead of the file. */
  sources: Map<string, string>;
  /** GRAPHSOC_* variables that match no key (likely typos). */
  unknown: string[];
}

type PathPart = string | number;

function findPath(
  schema: z.ZodType,
  tokens: string[],
  raw: unknown,
  secretKeys: readonly string[],
): PathPart[] | null {
  if (tokens.length === 0) return nodeOf(schema).kind === 'leaf' ? [] : null;
  const node = nodeOf(schema);
  if (node.kind === 'object') {
    const obj = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
    const keys = Object.keys(node.fields);
    for (const k of [...keys].sort((a, b) => b.length - a.length)) {
      const candidates = [k, ...(secretKeys.includes(k) ? [`${k}File`] : [])];
      for (const key of candidates) {
        const seg = toEnvSegment(key).split('_');
        if (seg.every((s, i) => tokens[i] === s)) {
          const child = node.fields[k] as z.ZodType;
          const childSchema = key === k ? child : nodeOf(child).kind === 'leaf' ? child : null;
          if (!childSchema) continue;
          const rest = findPath(childSchema, tokens.slice(seg.length), obj[key], secretKeys);
          if (rest) return [key, ...rest];
        }
      }
    }
    return null;
  }
  if (node.kind === 'array') {
    const arr = Array.isArray(raw) ? raw : [];
    const first = tokens[0] ?? '';
    if (/^\d+$/.test(first)) {
      const rest = findPath(node.element, tokens.slice(1), arr[Number(first)], secretKeys);
      return rest ? [Number(first), ...rest] : null;
    }
    // By name: the element's `name` with - and _ both written as _.
    for (let i = 0; i < arr.length; i++) {
      const name = (arr[i] as { name?: unknown } | undefined)?.name;
      if (typeof name !== 'string') continue;
      const seg = name.replace(/-/g, '_').toUpperCase().split('_');
      if (seg.every((s, j) => tokens[j] === s)) {
        const rest = findPath(node.element, tokens.slice(seg.length), arr[i], secretKeys);
        if (rest) return [i, ...rest];
      }
    }
  }
  return null;
}

/** A decimal number as people write one in a variable: 8080, -1, 0.5, 1e3. */
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

/**
 * Variables are always text, so a number or boolean key takes the value the text spells. Text that
 * spells none is left as it is, and the loader reports it as a problem naming the variable.
 */
function typed(text: string, leaf: string | undefined): unknown {
  const t = text.trim();
  if (leaf === 'number' && NUMBER.test(t)) return Number(t);
  if (leaf === 'boolean' && /^(true|false)$/i.test(t)) return t.toLowerCase() === 'true';
  return text;
}

/**
 * `password` and `passwordFile` are one setting: a variable for either replaces the file's value of
 * the other, as a variable replaces any other key of the file. Both from variables stay, and the
 * loader refuses the pair.
 */
function dropFileTwin(
  raw: RawConfig,
  path: PathPart[],
  secretKeys: readonly string[],
  sources: ReadonlyMap<string, string>,
): void {
  const last = path[path.length - 1];
  if (typeof last !== 'string') return;
  const base = last.endsWith('File') ? last.slice(0, -4) : null;
  const twin = secretKeys.includes(last) ? `${last}File` : base && secretKeys.includes(base) ? base : null;
  if (twin === null || sources.has(renderPath([...path.slice(0, -1), twin]))) return;
  let parent: unknown = raw;
  for (const p of path.slice(0, -1)) parent = (parent as Record<PathPart, unknown> | undefined)?.[p];
  if (parent && typeof parent === 'object') delete (parent as Record<string, unknown>)[twin];
}

function setPath(raw: RawConfig, path: PathPart[], value: unknown): void {
  let cur: Record<string | number, unknown> = raw;
  path.forEach((part, i) => {
    if (i === path.length - 1) {
      cur[part] = value;
      return;
    }
    const nextIsIndex = typeof path[i + 1] === 'number';
    if (cur[part] === undefined || cur[part] === null || typeof cur[part] !== 'object')
      cur[part] = nextIsIndex ? [] : {};
    cur = cur[part] as Record<string | number, unknown>;
  });
}

export function renderPath(path: ReadonlyArray<PathPart>): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

export function applyEnvOverrides(
  raw: RawConfig,
  env: NodeJS.ProcessEnv,
  schema: z.ZodType,
  secretKeys: readonly string[],
): EnvOverrideResult {
  const sources = new Map<string, string>();
  const unknown: string[] = [];
  // Sorted so a tenant created by index exists before name-based lookups of later variables.
  for (const name of Object.keys(env).sort()) {
    if (!name.startsWith('GRAPHSOC_') || NOT_KEYS.has(name)) continue;
    const value = env[name];
    if (value === undefined) continue;
    const canonical = ALIASES[name] ?? name;
    const tokens = canonical.slice('GRAPHSOC_'.length).split('_');
    const path = findPath(schema, tokens, raw, secretKeys);
    if (!path) {
      unknown.push(name);
      continue;
    }
    setPath(raw, path, typed(value, leafTypeAt(schema, path)));
    dropFileTwin(raw, path, secretKeys, sources);
    sources.set(renderPath(path), `env ${name}`);
  }
  return { sources, unknown };
}
