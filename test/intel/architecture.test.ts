// src/intel/ obeys the import rules of a feature (ARCHITECTURE.md) once registered: checked with the
// architecture test's own rules on the real tree, with intel added to the registry's features, so
// this holds before the one line in src/app/registry.ts lands.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { FEATURES } from '../../src/app/registry.js';
import { intel } from '../../src/intel/index.js';
import { violations } from '../architecture/rules.js';

const ROOT = resolve(import.meta.dirname, '../..');
const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });

test('with intel registered, the tree has no import violations', () => {
  const files = new Map(
    [...sources(join(ROOT, 'src')), ...sources(join(ROOT, 'emulators'))].map((f) => [
      relative(ROOT, f),
      readFileSync(f, 'utf8'),
    ]),
  );
  const names = [...new Set([...FEATURES.map((f) => f.name), intel.name])];
  assert.deepEqual(violations({ files, features: names }), []);
  assert.ok(files.has(`src/${intel.name}/index.ts`));
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
