// The running version, read from package.json so there is one place to bump it. The file sits two
// directories up from src/platform/ when run with tsx and three up from dist/src/platform/ when
// compiled; the Lambda bundle has no package.json, so its build writes the version in through
// GRAPHSOC_BUNDLED_VERSION.
import { existsSync, readFileSync } from 'node:fs';

function readVersion(): string {
  // esbuild's `define` replaces this expression with a string literal in the Lambda bundle.
  const bundled = process.env.GRAPHSOC_BUNDLED_VERSION;
  if (bundled) return bundled;
  for (const rel of ['../../package.json', '../../../package.json']) {
    const u = new URL(rel, import.meta.url);
    if (existsSync(u)) return (JSON.parse(readFileSync(u, 'utf8')) as { version: string }).version;
  }
  throw new Error('package.json not found next to the graphsoc sources');
}

export const VERSION: string = readVersion();
