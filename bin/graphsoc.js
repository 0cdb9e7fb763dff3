#!/usr/bin/env node
// Installed entry point: runs the compiled CLI (npm run build). During development use `npm run graphsoc --`.
import('../dist/src/cli.js').catch((e) => {
  if (e && e.code === 'ERR_MODULE_NOT_FOUND' && String(e.message).includes('dist/src/cli.js')) {
    process.stderr.write('graphsoc is not built yet: run `npm run build` first (or `npx tsx src/cli.ts`).\n');
    process.exit(1);
  }
  throw e;
});
