// The direction of imports, as a pure function over file texts, so the architecture test can check the
// real tree and also show, on planted files, that each rule fails when broken:
//   platform ← connectors ← features and the console ← app (src/app, src/sandbox, src/cli, entry files)
// - a file outside those places is a problem: a new folder must be registered or placed;
// - features (the registry's) import no other feature and not the console, the console no feature;
// - a connector is entered only through its index.ts;
// - emulators import nothing from src/, and src/ imports emulators only from src/sandbox/;
// - imports are plain strings: no template-literal import(), no require() or createRequire, which
//   would hide an import from this check.
import { dirname, join, normalize } from 'node:path';

export interface Tree {
  /** Repository-relative path → file text, for every .ts file under src/ and emulators/. */
  files: ReadonlyMap<string, string>;
  /** Folder names under src/ of the registered features. */
  features: readonly string[];
}

const APP = ['src/app/', 'src/sandbox/', 'src/cli/'];
const ENTRY_FILES = ['src/cli.ts', 'src/lambda.ts'];
const RANK = { platform: 0, connectors: 1, feature: 2, console: 2, app: 3 } as const;

type Layer = { kind: keyof typeof RANK; name: string } | { kind: 'emulators' } | { kind: 'unknown' };

function layerOf(path: string, features: readonly string[]): Layer {
  if (path.startsWith('emulators/')) return { kind: 'emulators' };
  if (path.startsWith('src/platform/')) return { kind: 'platform', name: 'platform' };
  if (path.startsWith('src/connectors/')) return { kind: 'connectors', name: 'connectors' };
  if (path.startsWith('src/console/')) return { kind: 'console', name: 'console' };
  if (ENTRY_FILES.includes(path) || APP.some((a) => path.startsWith(a))) return { kind: 'app', name: 'app' };
  const top = /^src\/([^/]+)\//.exec(path)?.[1];
  if (top && features.includes(top)) return { kind: 'feature', name: top };
  return { kind: 'unknown' };
}

/** The connector folder a path lies in: the nearest folder under src/connectors/ with an index.ts. */
function connectorOf(path: string, files: ReadonlyMap<string, string>): string | undefined {
  if (!path.startsWith('src/connectors/')) return undefined;
  for (let dir = dirname(path); dir.startsWith('src/connectors/'); dir = dirname(dir)) {
    if (files.has(`${dir}/index.ts`)) return dir;
  }
  return undefined;
}

const STATIC = /(?:^|[\s;}])(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]/g;
const BARE = /(?:^|[\s;])import\s*['"]([^'"]+)['"]/g;
const DYNAMIC = /\bimport\s*\(\s*(['"`])((?:(?!\1).)*)\1\s*\)/g;

/** Relative specifiers of a file, and problems with how it imports. */
function importsOf(text: string): { specs: string[]; problems: string[] } {
  const specs: string[] = [];
  const problems: string[] = [];
  for (const m of text.matchAll(STATIC)) specs.push(m[1] as string);
  for (const m of text.matchAll(BARE)) specs.push(m[1] as string);
  for (const m of text.matchAll(DYNAMIC)) {
    if (m[1] === '`') problems.push(`imports a template literal: import(\`${m[2]}\`)`);
    else specs.push(m[2] as string);
  }
  if (/\bimport\s*\(\s*[^'"`\s)]/.test(text)) problems.push('imports a computed specifier');
  if (/\bcreateRequire\b/.test(text)) problems.push('uses createRequire');
  if (/(?<![.\w])require\s*\(/.test(text)) problems.push('calls require()');
  return { specs: specs.filter((s) => s.startsWith('.')), problems };
}

/** `../x/index.js` from `src/a/b.ts` → `src/x/index.ts`. */
function resolveSpec(from: string, spec: string): string {
  return normalize(join(dirname(from), spec)).replace(/\.js$/, '.ts');
}

/**
 * Hidden loads the check accepts, each with its reason. Keep it short: every entry is a place the
 * import direction is not checked.
 */
const ACCEPTED: ReadonlyArray<readonly [string, string]> = [
  // A worker thread must be started from code in a string: it loads tsx, then the worker module.
  ['src/platform/worker-thread.ts', 'imports a computed specifier'],
];

export function violations(tree: Tree): string[] {
  return check(tree).filter((p) => !ACCEPTED.some(([file, what]) => p === `${file} ${what}`));
}

function check(tree: Tree): string[] {
  const problems: string[] = [];
  for (const [from, text] of tree.files) {
    const fromLayer = layerOf(from, tree.features);
    if (fromLayer.kind === 'unknown') {
      problems.push(
        `${from} is in no layer: register its feature, or move it to platform, connectors or app`,
      );
      continue;
    }
    const { specs, problems: own } = importsOf(text);
    for (const p of own) problems.push(`${from} ${p}`);
    for (const spec of specs) {
      const to = resolveSpec(from, spec);
      const toLayer = layerOf(to, tree.features);
      if (fromLayer.kind === 'emulators') {
        if (toLayer.kind !== 'emulators') problems.push(`${from} (emulators) imports ${to}`);
        continue;
      }
      if (toLayer.kind === 'emulators') {
        if (!from.startsWith('src/sandbox/')) problems.push(`${from} imports the emulators: ${to}`);
        continue;
      }
      if (toLayer.kind === 'unknown') {
        problems.push(`${from} imports ${to}, which is in no layer`);
        continue;
      }
      if (RANK[toLayer.kind] > RANK[fromLayer.kind]) {
        problems.push(`${from} (${fromLayer.kind}) imports ${to} (${toLayer.kind}): imports point down`);
        continue;
      }
      const sideways =
        (fromLayer.kind === 'feature' || fromLayer.kind === 'console') &&
        (toLayer.kind === 'feature' || toLayer.kind === 'console') &&
        fromLayer.name !== toLayer.name;
      if (sideways) problems.push(`${from} (${fromLayer.name}) imports another feature: ${to}`);
      const connector = connectorOf(to, tree.files);
      if (connector && connectorOf(from, tree.files) !== connector && to !== `${connector}/index.ts`)
        problems.push(`${from} reaches past ${connector}/index.ts: ${to}`);
    }
  }
  return problems;
}
