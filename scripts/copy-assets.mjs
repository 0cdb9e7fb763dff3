// Copies the non-TypeScript files the server reads at run time (views, stylesheets, the dashboard's
// browser script) into dist/.
import { cpSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (/\.(eta|css|json|js)$/.test(name)) cpSync(p, join('dist', p));
  }
}
walk('src');
