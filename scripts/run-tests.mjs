#!/usr/bin/env node
// Runs every test/**/*.test.ts through node:test with tsx. Node 20's runner neither expands
// globs nor picks up .ts files in directory mode, so the list is built here.
// Usage: node scripts/run-tests.mjs [path-substring ...]   (filters the file list)
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name === 'live' || name === 'fixtures' || name === 'node_modules') continue;
      out.push(...walk(p));
    } else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const filters = process.argv.slice(2);
const files = walk('test')
  .filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)))
  .sort();
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
const child = spawn(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', ...files],
  {
    stdio: 'inherit',
    env: { ...process.env, GRAPHSOC_LOG_LEVEL: process.env.GRAPHSOC_LOG_LEVEL ?? 'silent' },
  },
);
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 1)));
