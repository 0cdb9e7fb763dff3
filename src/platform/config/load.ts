// Loads graphsoc.toml, applies GRAPHSOC_* overrides, reads `*File` secrets and validates the result.
// Every failure becomes a ConfigError whose problems name the source, key, expectation and finding.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseToml, TomlError } from 'smol-toml';
import type { z } from 'zod';
import { ConfigError, type ConfigProblem, errors } from './errors.js';
import type { ConfigShape } from './compose.js';
import { applyEnvOverrides, type RawConfig, renderPath } from './env-overrides.js';

export interface LoadedConfig<C = unknown> {
  config: Readonly<C>;
  /** Absolute path of the file read, or null when only defaults and environment were used. */
  file: string | null;
  /** Non-fatal findings, such as GRAPHSOC_* variables that match no key. */
  warnings: string[];
  /** Secret values found in the configuration, for the log scrubber. Never print these. */
  secrets: string[];
}

export interface LoadOptions<C = unknown> {
  /** The schema to validate against: the platform's part and every feature's (the app composes it). */
  shape: ConfigShape<C>;
  /** Path from --config; falls back to GRAPHSOC_CONFIG, then ./graphsoc.toml if present. */
  path?: string | undefined;
  /** Read no file at all (the sandbox builds its configuration itself). */
  noFile?: boolean;
  env?: NodeJS.ProcessEnv;
  /** Applied on top of file and environment (the sandbox uses it to point tenants at the emulators). */
  overrides?: (raw: RawConfig) => void;
}

export function resolveConfigPath(path: string | undefined, env: NodeJS.ProcessEnv): string | null {
  if (path) return resolve(path);
  if (env.GRAPHSOC_CONFIG) return resolve(env.GRAPHSOC_CONFIG);
  const local = resolve('graphsoc.toml');
  return existsSync(local) ? local : null;
}

function readToml(file: string): RawConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code ?? 'read error';
    throw new ConfigError(errors.FILE_UNREADABLE, `cannot read configuration file ${file}: ${reason}`, [], e);
  }
  try {
    return parseToml(text) as RawConfig;
  } catch (e) {
    const where = e instanceof TomlError ? ` at line ${e.line}, column ${e.column}` : '';
    const first = e instanceof Error ? (e.message.split('\n')[0] ?? '') : '';
    throw new ConfigError(errors.TOML_INVALID, `${file}${where}: not valid TOML (${first})`, [
      { source: file, key: '(file)', expected: 'valid TOML', found: `a syntax error${where}` },
    ]);
  }
}

/** Replaces each `<secret>File` key by the file's content (trailing newline removed). */
function readSecretFiles(
  node: unknown,
  path: Array<string | number>,
  sourceOf: (key: string) => string,
  secretKeys: readonly string[],
): void {
  if (Array.isArray(node)) {
    for (const [i, v] of node.entries()) readSecretFiles(v, [...path, i], sourceOf, secretKeys);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const obj = node as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    const base = key.endsWith('File') ? key.slice(0, -4) : null;
    if (base && secretKeys.includes(base)) {
      const filePath = obj[key];
      const keyPath = renderPath([...path, key]);
      if (typeof filePath !== 'string' || filePath === '') {
        throw new ConfigError(errors.INVALID, `configuration key ${keyPath} must be a file path`, [
          { source: sourceOf(keyPath), key: keyPath, expected: 'a file path', found: describe(filePath) },
        ]);
      }
      try {
        obj[base] = readFileSync(filePath, 'utf8').replace(/\r?\n$/, '');
      } catch (e) {
        const reason = (e as NodeJS.ErrnoException).code ?? 'read error';
        throw new ConfigError(
          errors.SECRET_FILE_UNREADABLE,
          `cannot read the secret file ${filePath} named by ${keyPath}: ${reason}`,
          [
            {
              source: sourceOf(keyPath),
              key: keyPath,
              expected: 'a readable file',
              found: `${filePath} (${reason})`,
            },
          ],
          e,
        );
      }
      delete obj[key];
    } else {
      readSecretFiles(obj[key], [...path, key], sourceOf, secretKeys);
    }
  }
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing (key missing)';
  if (typeof v === 'string') return JSON.stringify(v.length > 80 ? `${v.slice(0, 77)}...` : v);
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (v && typeof v === 'object') return 'a table';
  return `${typeof v} ${String(v)}`;
}

function valueAt(raw: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let cur: unknown = raw;
  for (const p of path) {
    if (!cur || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[p];
  }
  return cur;
}

function isSecretPath(path: ReadonlyArray<PropertyKey>, secretKeys: readonly string[]): boolean {
  const last = path[path.length - 1];
  return typeof last === 'string' && secretKeys.includes(last);
}

function problemsFrom(
  issues: z.core.$ZodIssue[],
  raw: RawConfig,
  sourceOf: (key: string) => string,
  secretKeys: readonly string[],
): ConfigProblem[] {
  return issues.map((issue) => {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      const keys = issue.keys.map((k) => renderPath([...path, k]));
      return {
        source: sourceOf(keys[0] ?? ''),
        key: keys.join(', '),
        expected: 'only keys documented in docs/configuration.md',
        found: `unknown key${keys.length > 1 ? 's' : ''} ${keys.join(', ')}`,
      };
    }
    const key = renderPath(path) || '(top level)';
    const value = valueAt(raw, path);
    const found = isSecretPath(path, secretKeys) && value !== undefined ? '[redacted]' : describe(value);
    // zod says "Invalid input: expected number, received NaN"; our own messages say "expected …".
    const expected = issue.message
      .replace(/^Invalid input: /i, '')
      .replace(/^expected /i, '')
      .replace(/, received .*$/, '');
    return { source: sourceOf(key), key, expected, found };
  });
}

/** Every value at a secret path (`*` for each array entry). */
function valuesAt(node: unknown, path: readonly string[]): unknown[] {
  if (path.length === 0) return [node];
  if (!node || typeof node !== 'object') return [];
  const [head, ...rest] = path as [string, ...string[]];
  if (head === '*') return Array.isArray(node) ? node.flatMap((v) => valuesAt(v, rest)) : [];
  return valuesAt((node as Record<string, unknown>)[head], rest);
}

/** Collects every secret value so the log scrubber can remove it from any output. */
function collectSecrets(config: unknown, secretPaths: ConfigShape<unknown>['secretPaths']): string[] {
  const out: string[] = [];
  for (const path of secretPaths) {
    // The database URL as a whole is not secret; only its password is (below).
    if (path.join('.') === 'database.url') continue;
    for (const v of valuesAt(config, path)) if (typeof v === 'string') out.push(v);
  }
  try {
    const url = valuesAt(config, ['database', 'url'])[0];
    const password = typeof url === 'string' ? new URL(url).password : '';
    if (password) out.push(decodeURIComponent(password), password);
  } catch {
    // sqlite: URLs and bare paths carry no password.
  }
  return out.filter((s) => s.length >= 4);
}

function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object') {
    for (const k of Object.keys(v)) deepFreeze((v as Record<string, unknown>)[k]);
    Object.freeze(v);
  }
  return v;
}

export function loadConfig<C>(opts: LoadOptions<C>): LoadedConfig<C> {
  const { schema, secretKeys, secretPaths } = opts.shape;
  const env = opts.env ?? process.env;
  const file = opts.noFile ? null : resolveConfigPath(opts.path, env);
  const raw: RawConfig = file ? readToml(file) : {};
  const { sources, unknown } = applyEnvOverrides(raw, env, schema, secretKeys);
  opts.overrides?.(raw);
  const sourceOf = (key: string) =>
    sources.get(key) ?? [...sources.entries()].find(([k]) => key.startsWith(k))?.[1] ?? file ?? '(defaults)';
  readSecretFiles(raw, [], sourceOf, secretKeys);
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const problems = problemsFrom(parsed.error.issues, raw, sourceOf, secretKeys);
    const lines = problems.map((p) => `  ${p.source}: ${p.key}: expected ${p.expected}; found ${p.found}`);
    throw new ConfigError(errors.INVALID, `invalid configuration:\n${lines.join('\n')}`, problems);
  }
  const warnings = unknown.map(
    (name) => `environment variable ${name} matches no configuration key; it is ignored`,
  );
  const config = deepFreeze(parsed.data);
  return { config, file, warnings, secrets: collectSecrets(config, secretPaths) };
}
