// The direction of imports from DESIGN.md, checked on the source: platform <- connectors <- features
// <- server.ts / cli.ts; emulators/ never imports src/; src/ imports emulators/ only in src/sandbox.ts.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';

const ROOT = resolve(import.meta.dirname, '..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Relative imports of a file, resolved to repository paths such as `src/platform/http/index.js`. */
function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map(
    (m) => m[1] as string,
  );
  return specs.map((s) => relative(ROOT, resolve(dirname(file), s)));
}

const layer = (p: string): string => {
  if (p.startsWith('emulators/')) return 'emulators';
  if (p.startsWith('src/platform/')) return 'platform';
  if (p.startsWith('src/connectors/')) return 'connectors';
  const feature = /^src\/(relay|phishing|intel|accounts|dashboard)\//.exec(p)?.[1];
  return feature ? `feature:${feature}` : 'top';
};
const RANK: Record<string, number> = { platform: 0, connectors: 1, feature: 2, top: 3 };
const rank = (l: string) => RANK[l.startsWith('feature:') ? 'feature' : l] ?? 3;

test('imports point one way and emulators stay separate from src', () => {
  const problems: string[] = [];
  for (const f of [...files(join(ROOT, 'src')), ...files(join(ROOT, 'emulators'))]) {
    const from = relative(ROOT, f);
    const fromLayer = layer(from);
    for (const to of imports(f)) {
      const toLayer = layer(to);
      if (fromLayer === 'emulators') {
        if (!to.startsWith('emulators/')) problems.push(`${from} imports ${to}`);
      } else if (toLayer === 'emulators') {
        if (from !== 'src/sandbox.ts') problems.push(`${from} imports the emulators`);
      } else if (
        fromLayer.startsWith('feature:') &&
        toLayer.startsWith('feature:') &&
        fromLayer !== toLayer
      ) {
        problems.push(`${from} (${fromLayer}) imports another feature: ${to}`);
      } else if (rank(toLayer) > rank(fromLayer)) {
        problems.push(`${from} (${fromLayer}) imports ${to} (${toLayer})`);
      }
    }
  }
  assert.deepEqual(problems, []);
});
