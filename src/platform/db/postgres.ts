// Opens a pg pool for PostgreSQL (several graphsoc instances share one database) and checks it answers.
// Each pooled connection gets the schema's search_path, a statement timeout, and int8 parsed to number.
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Logger } from '../log.js';
import { DatabaseUnreachableError } from './errors.js';
import type { Database } from './schema.js';
import type { PostgresTarget } from './url.js';

export interface PostgresOptions {
  poolSize?: number;
  statementTimeoutMs?: number;
  logger?: Logger;
}

const INT8_OID = 20;

/** int8 to number for this pool only: times in epoch ms and epochs stay far below 2^53. */
const getTypeParser = ((oid: number, format?: 'text' | 'binary') =>
  oid === INT8_OID && format !== 'binary'
    ? (v: string) => Number(v)
    : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser;

export async function openPostgres(target: PostgresTarget, opts: PostgresOptions): Promise<Kysely<Database>> {
  const startup = [target.schema ? `-c search_path=${target.schema}` : '', target.options ?? '']
    .filter(Boolean)
    .join(' ');
  const pool = new pg.Pool({
    connectionString: target.connectionString,
    max: opts.poolSize ?? 10,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
    // A peer that vanished without closing the socket (network cut) is noticed instead of awaited forever.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    // Server-side limits, so a hung database cannot hang a lease renewal, and a stuck transaction
    // cannot hold a lease row locked.
    statement_timeout: opts.statementTimeoutMs ?? 10_000,
    idle_in_transaction_session_timeout: 60_000,
    application_name: 'graphsoc',
    ...(startup ? { options: startup } : {}),
    types: { getTypeParser },
  });
  // A restart or network cut makes pg emit 'error': on the pool for idle connections, on the client
  // for one kysely has checked out. Unheard, either would crash the process; the failed query (or the
  // next one, on a fresh connection) reports the problem instead.
  const onError = (err: Error) =>
    opts.logger?.warn({ err: { message: target.scrub(err.message) } }, 'PostgreSQL connection lost');
  pool.on('error', onError);
  pool.on('connect', (client) => client.on('error', onError));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    if (target.schema) await createSchema(db, target.schema);
    await sql`select 1`.execute(db);
  } catch (e) {
    await db.destroy().catch(() => undefined);
    const reason = target.scrub((e as Error).message || String((e as { code?: string }).code ?? e));
    throw new DatabaseUnreachableError(
      `cannot reach PostgreSQL at ${target.display}: ${reason}`,
      reason === (e as Error).message ? e : undefined,
    );
  }
  return db;
}

/**
 * `create schema if not exists` still fails when two instances run it at the same moment (a unique
 * violation in pg_namespace); losing that race means the schema now exists, which is all we need.
 */
async function createSchema(db: Kysely<Database>, schema: string): Promise<void> {
  try {
    await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code !== '23505' && code !== '42P06') throw e;
  }
}
