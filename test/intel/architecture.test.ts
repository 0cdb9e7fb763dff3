// src/intel/'s pure parts stay pure (its import rules as a feature are the architecture test's, now
// that it is registered).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { test } from 'node:test';

const ROOT = resolve(import.meta.dirname, '../..');
const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });

test('the model, policy and converters do no I/O: they import only node:crypto, node:net, node:url and zod', () => {
  const allowed = new Set(['node:crypto', 'node:net', 'node:url', 'zod']);
  const pure = ['model', 'policy', 'convert'].flatMap((d) => sources(join(ROOT, 'src/intel', d)));
  for (const f of pure) {
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(/from '([^.'][^']*)'/g))
      assert.ok(allowed.has(m[1] as string), `${relative(ROOT, f)} imports ${m[1]}`);
  }
});
