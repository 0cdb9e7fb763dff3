// Error catalogue of the database layer.
import { CallerError, type ErrorCatalogue, InternalError, RemoteError } from '../errors.js';

export const errors = {
  URL_INVALID: {
    code: 'GSOC_DB_URL_INVALID',
    actor: 'caller',
    summary: '`database.url` is not a SQLite path or a PostgreSQL URL graphsoc understands.',
    fix: 'Use `sqlite:./data/graphsoc.db`, `sqlite::memory:` or `postgres://user@host:5432/db[?schema=name]`.',
  },
  UNREACHABLE: {
    code: 'GSOC_DB_UNREACHABLE',
    actor: 'remote',
    summary:
      'The database cannot be opened or does not answer (PostgreSQL down, wrong host, refused login, unwritable SQLite path).',
    fix: 'Check that the server runs and accepts the user in `database.url`, or that the SQLite directory is writable.',
  },
  MIGRATION_FAILED: {
    code: 'GSOC_DB_MIGRATION_FAILED',
    actor: 'internal',
    summary: 'A database migration failed; the database stays at the last migration that succeeded.',
    fix: 'Read the named migration and the cause in the log; fix the database or report a bug, then start again.',
  },
} as const satisfies ErrorCatalogue;

export class DatabaseUrlError extends CallerError {
  constructor(message: string) {
    super(errors.URL_INVALID.code, message);
  }
}

export class DatabaseUnreachableError extends RemoteError {
  constructor(message: string, cause: unknown) {
    super(errors.UNREACHABLE.code, message, { cause, retryable: true, httpStatus: 503 });
  }
}

export class MigrationError extends InternalError {
  constructor(migration: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(errors.MIGRATION_FAILED.code, `migration ${migration} failed: ${reason}`, {
      cause,
      details: { migration },
    });
  }
}

/**
 * Whether a write failed on a unique constraint (PostgreSQL 23505, SQLite's CONSTRAINT_UNIQUE or
 * CONSTRAINT_PRIMARYKEY): the row a racing writer already inserted, which callers turn into their
 * own "already exists" answer.
 */
export function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
