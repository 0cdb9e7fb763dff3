// Parses `database.url` into what the SQLite or PostgreSQL driver needs, and renders it without its
// password for messages. `?schema=` is graphsoc's own parameter and never reaches pg.
import { DatabaseUrlError } from './errors.js';

export type Dialect = 'sqlite' | 'postgres';

export type DatabaseTarget =
  | { dialect: 'sqlite'; path: string; display: string }
  | { dialect: 'postgres'; connectionString: string; schema: string | undefined; display: string };

/** PostgreSQL identifiers we create ourselves: lower case, no quoting needed, under 64 bytes. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const EXPECTED = 'expected sqlite:PATH, sqlite::memory: or postgres://user@host:port/database[?schema=name]';

/** The URL with any password replaced, safe for logs and errors. */
export function redactDatabaseUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@?#]*):[^@/?#]*@/i, '$1:[redacted]@');
}

export function parseDatabaseUrl(raw: string): DatabaseTarget {
  const url = raw.trim();
  if (url === '' || /[\0\r\n]/.test(url))
    throw new DatabaseUrlError(`database.url is empty or has control characters; ${EXPECTED}`);
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (path === '' || path === '//')
      throw new DatabaseUrlError(`database.url "${url}" names no file; ${EXPECTED}`);
    return { dialect: 'sqlite', path, display: url };
  }
  if (/^postgres(ql)?:\/\//i.test(url)) return parsePostgres(url);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    throw new DatabaseUrlError(
      `database.url "${redactDatabaseUrl(url)}" has an unsupported scheme; ${EXPECTED}`,
    );
  }
  // A bare path is a SQLite file, as in the default ./data/graphsoc.db.
  return { dialect: 'sqlite', path: url, display: `sqlite:${url}` };
}

function parsePostgres(url: string): DatabaseTarget {
  const display = redactDatabaseUrl(url);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DatabaseUrlError(`database.url "${display}" is not a valid URL; ${EXPECTED}`);
  }
  if (!parsed.hostname && !parsed.searchParams.get('host')) {
    throw new DatabaseUrlError(`database.url "${display}" names no host; ${EXPECTED}`);
  }
  const schemas = parsed.searchParams.getAll('schema');
  if (schemas.length > 1)
    throw new DatabaseUrlError(`database.url "${display}" has more than one schema parameter`);
  const schema = schemas[0];
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new DatabaseUrlError(
      `database.url "${display}": schema "${schema}" is not allowed; expected lower-case letters, digits and _ (at most 63)`,
    );
  }
  parsed.searchParams.delete('schema');
  return { dialect: 'postgres', connectionString: parsed.toString(), schema, display };
}
