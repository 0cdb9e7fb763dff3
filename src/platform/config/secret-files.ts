// Reads `<secret>File` keys: each is replaced by the content of the file it names (a final newline
// removed), so secrets mounted as files (Kubernetes, Docker) never sit in graphsoc.toml.
import { readFileSync } from 'node:fs';
import { type ConfigProblem, errors } from './errors.js';
import { type RawConfig, renderPath } from './env-overrides.js';
import { describe } from './problems.js';

const UNREAD = '(unreadable secret file)';

/** Replaces every `<secret>File` key in place; returns a problem for each one that cannot be used. */
export function readSecretFiles(
  raw: RawConfig,
  secretKeys: readonly string[],
  sourceOf: (key: string) => string,
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const visit = (node: unknown, path: Array<string | number>): void => {
    if (Array.isArray(node)) {
      for (const [i, v] of node.entries()) visit(v, [...path, i]);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const obj = node as Record<string, unknown>;
    for (const key of Object.keys(obj)) {
      const base = key.endsWith('File') ? key.slice(0, -4) : null;
      if (base === null || !secretKeys.includes(base)) {
        visit(obj[key], [...path, key]);
        continue;
      }
      const keyPath = renderPath([...path, key]);
      const problem = (expected: string, found: string, code?: string) =>
        problems.push({
          source: sourceOf(keyPath),
          key: keyPath,
          expected,
          found,
          ...(code ? { code } : {}),
        });
      const filePath = obj[key];
      delete obj[key];
      if (obj[base] !== undefined) {
        // Both from one source (the environment replaces the file's twin, see env-overrides.ts).
        problem(
          `${base} or ${key}, not both`,
          `both (${base} from ${sourceOf(renderPath([...path, base]))})`,
        );
      } else if (typeof filePath !== 'string' || filePath === '') {
        problem('a file path', describe(filePath));
        obj[base] = UNREAD;
      } else {
        try {
          obj[base] = readFileSync(filePath, 'utf8').replace(/\r?\n$/, '');
        } catch (e) {
          const reason = (e as NodeJS.ErrnoException).code ?? 'read error';
          problem('a readable file', `${filePath} (${reason})`, errors.SECRET_FILE_UNREADABLE.code);
          // Stands in for the secret so the key is not reported missing too; loading fails anyway.
          obj[base] = UNREAD;
        }
      }
    }
  };
  visit(raw, []);
  return problems;
}
