// Loads graphsoc.toml, applies GRAPHSOC_* overrides, reads `*File` secrets and validates the result.
// Every failure becomes a ConfigError listing every problem, each naming the source, key, expectation
// and finding once.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseToml, TomlError } from 'smol-toml';
import type { ConfigShape } from './compose.js';
import { applyEnvOverrides, type RawConfig } from './env-overrides.js';
import { ConfigError, errors, invalidConfig } from './errors.js';
import { onePerKey, problemsFrom } from './problems.js';
import { readSecretFiles } from './secret-files.js';
import { textWhereTyped } from './strict-types.js';

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
  /** Path from --config; falls back to GRAPHSOC_CONFIG, then ./graphsoc.toml if present (see resolveConfigPath). */
  path?: string | undefined;
  /** Read no file at all (the sandbox builds its configuration itself). */
  noFile?: boolean;
  env?: NodeJS.ProcessEnv;
  /** Applied on top of file and environment (the sandbox uses it to point tenants at the emulators). */
  overrides?: (raw: RawConfig) => void;
}

/** Where the file is looked for: --config, else GRAPHSOC_CONFIG, else ./graphsoc.toml when it exists. */
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
  // Most specific first: a secret file that cannot be read, text where a number belongs, then zod's.
  const problems = [...readSecretFiles(raw, secretKeys, sourceOf), ...textWhereTyped(schema, raw, sourceOf)];
  const parsed = schema.safeParse(raw);
  if (!parsed.success)
    problems.push(...problemsFrom(parsed.error.issues, { schema, raw, sourceOf, secretKeys }));
  if (!parsed.success || problems.length > 0) throw invalidConfig(onePerKey(problems));
  const warnings = unknown.map(
    (name) => `environment variable ${name} matches no configuration key; it is ignored`,
  );
  const config = deepFreeze(parsed.data);
  return { config, file, warnings, secrets: collectSecrets(config, secretPaths) };
}
