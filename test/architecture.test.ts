// The direction of imports (ARCHITECTURE.md), checked on the source, with the features taken from the
// app's registry. Each rule is also shown to fail on a planted violation.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { FEATURES, FEATURES_IN_PROGRESS } from '../src/app/registry.js';
import { type Tree, violations } from './architecture/rules.js';

const ROOT = resolve(import.meta.dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const realTree: Tree = {
  files: new Map(
    [...sources(join(ROOT, 'src')), ...sources(join(ROOT, 'emulators'))].map((f) => [
      relative(ROOT, f),
      readFileSync(f, 'utf8'),
    ]),
  ),
  features: [...FEATURES.map((f) => f.name), ...FEATURES_IN_PROGRESS],
};

/** The real tree with one file added or replaced. */
const planted = (path: string, text: string): Tree => ({
  ...realTree,
  files: new Map([...realTree.files, [path, text]]),
});

describe('architecture', () => {
  test('imports point one way, features stay apart and emulators stay separate from src', () => {
    assert.deepEqual(violations(realTree), []);
  });

  test('every registered feature has its folder, named as the feature', () => {
    for (const f of FEATURES) assert.ok(realTree.files.has(`src/${f.name}/index.ts`), f.name);
  });

  const cases: Array<[string, string, string, RegExp]> = [
    [
      'a folder that is neither a feature, a layer nor the app',
      'src/reports/x.ts',
      'export const x = 1;',
      /src\/reports\/x\.ts is in no layer/,
    ],
    [
      'a feature importing another feature',
      'src/phishing/x.ts',
      "import { relay } from '../relay/index.js';",
      /\(phishing\) imports another feature: src\/relay\/index\.ts/,
    ],
    [
      'a feature importing the console',
      'src/relay/x.ts',
      "import { STATE_LABELS } from '../console/model.js';",
      /\(relay\) imports another feature: src\/console\/model\.ts/,
    ],
    [
      'the platform importing a connector',
      'src/platform/x.ts',
      "import { errors } from '../connectors/archer/index.js';",
      /\(platform\) imports src\/connectors\/archer\/index\.ts \(connectors\)/,
    ],
    [
      'a connector importing a feature',
      'src/connectors/archer/x.ts',
      "export { phishing } from '../../phishing/index.js';",
      /\(connectors\) imports src\/phishing\/index\.ts \(feature\)/,
    ],
    [
      'a feature importing the app',
      'src/phishing/x.ts',
      "import { FEATURES } from '../app/registry.js';",
      /\(feature\) imports src\/app\/registry\.ts \(app\)/,
    ],
    [
      "an import reaching past a connector's index.ts",
      'src/phishing/x.ts',
      "import { ArcherError } from '../connectors/archer/errors.js';",
      /reaches past src\/connectors\/archer\/index\.ts: src\/connectors\/archer\/errors\.ts/,
    ],
    [
      'one connector reaching into another',
      'src/connectors/microsoft/graph/x.ts',
      "import type { TokenProvider } from '../identity/types.js';",
      /reaches past src\/connectors\/microsoft\/identity\/index\.ts/,
    ],
    [
      'a template-literal import',
      'src/phishing/x.ts',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the planted file's text holds a template literal
      'const name = "relay"; export const m = await import(`../${name}/index.js`);',
      /imports a template literal/,
    ],
    [
      'createRequire',
      'src/phishing/x.ts',
      "import { createRequire } from 'node:module'; const r = createRequire(import.meta.url); r('../relay/index.js');",
      /uses createRequire/,
    ],
    [
      'a dynamic import of another feature',
      'src/relay/x.ts',
      "export const p = () => import('../phishing/index.js');",
      /\(relay\) imports another feature: src\/phishing\/index\.ts/,
    ],
    [
      'an emulator importing src',
      'emulators/graph/x.ts',
      "import { VERSION } from '../../src/platform/version.js';",
      /\(emulators\) imports src\/platform\/version\.ts/,
    ],
    [
      'src importing an emulator outside the sandbox',
      'src/app/x.ts',
      "import { startEmulators } from '../../emulators/index.js';",
      /src\/app\/x\.ts imports the emulators/,
    ],
  ];
  for (const [what, path, text, expected] of cases) {
    test(`fails on a planted violation: ${what}`, () => {
      const found = violations(planted(path, text));
      assert.equal(found.length, 1, found.join('\n'));
      assert.match(found[0] as string, expected);
    });
  }

  test('the sandbox may import the emulators; a connector may use its own files', () => {
    assert.deepEqual(
      violations(planted('src/sandbox/x.ts', "import { startEmulators } from '../../emulators/index.js';")),
      [],
    );
    assert.deepEqual(
      violations(planted('src/connectors/archer/x.ts', "import { errors } from './errors.js';")),
      [],
    );
  });
});
