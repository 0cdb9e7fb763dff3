// The running version, read from package.json so there is one place to bump it. The file sits one
// directory up from src/ when run with tsx and two up from dist/src/ when compiled.
import { existsSync, readFileSync } from 'node:fs';

function findPackageJson(): URL {
  for (const rel of ['../package.json', '../../package.json']) {
    const u = new URL(rel, import.meta.url);
    if (existsSync(u)) return u;
  }
  throw new Error('package.json not found next to the graphsoc sources');
}

export const VERSION: string = (JSON.parse(readFileSync(findPackageJson(), 'utf8')) as { version: string })
  .version;
