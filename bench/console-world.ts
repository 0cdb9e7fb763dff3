// Where the console's bench runs: a fresh database (SQLite in a temporary directory, or a schema of its
// own in a given PostgreSQL database, dropped afterwards), and graphsoc started on it as `serve` runs
// it, with phishing, the relay and the threat-intel sync on against the sandbox's emulators. The
// sandbox's configuration is taken whole and only slowed down (mailbox poll, intel interval), so
// the jobs' background work does not run while pages are timed.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { loadAppConfig } from '../src/app/config.js';
import { type Runtime, startRuntime } from '../src/app/runtime.js';
import { type Dialect, openDatabase, type Store } from '../src/platform/db/index.js';
import { LOOPBACK_SESSION_COOKIE, type Role, SessionStore } from '../src/platform/web-session/index.js';
import { type Sandbox, startSandbox } from '../src/sandbox/index.js';
import { LogCapture } from '../test/helpers/log-capture.js';

export interface BenchDatabase {
  url: string;
  dialect: Dialect;
  /** Removes what the bench made: the SQLite directory, or the PostgreSQL schema. */
  drop(): Promise<void>;
}

/** A new SQLite file, or a new schema in the PostgreSQL database `postgresUrl` names. */
export function benchDatabase(postgresUrl?: string): BenchDatabase {
  if (!postgresUrl) {
    const dir = mkdtempSync(join(tmpdir(), 'graphsoc-bench-console-'));
    return {
      url: `sqlite:${join(dir, 'graphsoc.db')}`,
      dialect: 'sqlite',
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const schema = `gsoc_bench_${randomBytes(5).toString('hex')}`;
  const url = `${postgresUrl}${postgresUrl.includes('?') ? '&' : '?'}schema=${schema}`;
  return {
    url,
    dialect: 'postgres',
    async drop() {
      const store = await openDatabase(postgresUrl);
      try {
        await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(store.db);
      } finally {
        await store.close();
      }
    },
  };
}

export interface BenchRuntime {
  runtime: Runtime;
  sandbox: Sandbox;
  /** Warnings and errors graphsoc logged, to show when a page fails. */
  log: LogCapture;
  stop(): Promise<void>;
}

/** graphsoc (mode serve) on `databaseUrl`, every feature wired to freshly started emulators. */
export async function startBenchRuntime(databaseUrl: string): Promise<BenchRuntime> {
  const sandbox = await startSandbox();
  const log = new LogCapture();
  let runtime: Runtime;
  try {
    const loaded = loadAppConfig({
      noFile: true,
      env: {},
      overrides: (raw) => {
        sandbox.applyTo(raw);
        raw.server = { host: '127.0.0.1', port: 0, admin: { port: 0 } };
        raw.database = { url: databaseUrl };
        raw.log = { level: 'warn' };
        // Each job runs once at start; the bench waits for that, then nothing runs again meanwhile.
        raw.phishing = { ...(raw.phishing as object), pollEverySec: 3600 };
        raw.intel = { ...(raw.intel as object), intervalMinutes: 1440 };
      },
    });
    runtime = await startRuntime({ loaded, mode: 'serve', logDestination: log });
  } catch (e) {
    await sandbox.close();
    throw e;
  }
  return {
    runtime,
    sandbox,
    log,
    stop: () => runtime.stop().finally(() => sandbox.close()),
  };
}

/** A session made straight in the store, as a sign-in makes it: the Cookie header value. */
export async function benchSession(store: Store, roles: Role[] = ['admin']): Promise<string> {
  const s = await new SessionStore(store).create({
    subject: 'local:bench',
    name: 'Console Bench',
    roles,
    ip: '127.0.0.1',
    userAgent: 'bench/console',
  });
  return `${LOOPBACK_SESSION_COOKIE}=${s.id}`;
}
