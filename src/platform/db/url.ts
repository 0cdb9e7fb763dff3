// Parses `database.url` into what the SQLite or PostgreSQL driver needs, and renders it without its
// password for messages and logs. `?schema=` is graphsoc's own parameter and never reaches pg.
import { DatabaseUrlError } from './errors.js';

export type Dialect = 'sqlite' | 'postgres';

export interface SqliteTarget {
  dialect: 'sqlite';
  /** A file path, or `:memory:`. */
  path: string;
  display: string;
}

export interface PostgresTarget {
  dialect: 'postgres';
  /** What pg gets: the URL without graphsoc's `schema` and with `options` moved out. */
  connectionString: string;
  schema: string | undefined;
  /** The URL's own `options` parameter (startup `-c` settings), merged after ours. */
  options: string | undefined;
  display: string;
  /** Replaces the URL's password wherever a driver message repeats it. */
  scrub(text: string): string;
}

export type DatabaseTarget = SqliteTarget | PostgresTarget;

const EXPECTED = 'expected sqlite:PATH, sqlite::memory: or postgres://user@host:port/database[?schema=name]';
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
/** Schemas we create ourselves: lower case, no quoting needed, at most 63 bytes (PostgreSQL's limit). */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Splits `scheme://userinfo@rest` at the last `@`, since a raw password may itself hold `@`, `/` or `?`. */
function credentials(
  url: string,
): { head: string; user: string; password: string; tail: string } | undefined {
  const m = /^([a-z][a-z0-9+.-]*:\/\/)([\s\S]*)$/i.exec(url);
  if (!m) return undefined;
  const [, head = '', rest = ''] = m;
  const at = rest.lastIndexOf('@');
  const colon = rest.slice(0, Math.max(at, 0)).indexOf(':');
  if (at < 0 || colon < 0) return undefined;
  return { head, user: rest.slice(0, colon), password: rest.slice(colon + 1, at), tail: rest.slice(at + 1) };
}

/**
 * The URL with its password replaced, safe for logs and errors. When a query value holds `@` this
 * may hide more than the password; hiding too much is the safe side.
 */
export function redactDatabaseUrl(url: string): string {
  const c = credentials(url);
  return c ? `${c.head}${c.user}:[redacted]@${c.tail}` : url;
}

function fail(what: string): never {
  throw new DatabaseUrlError(`database.url ${what}; ${EXPECTED}`);
}

export function parseDatabaseUrl(raw: string): DatabaseTarget {
  const url = raw.trim();
  if (url === '') fail('is empty');
  // Control characters would end up in a file name or a startup packet; nobody means them.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
  if (/[\u0000-\u001f\u007f]/.test(url))
    fail(`${JSON.stringify(redactDatabaseUrl(url))} has control characters`);
  const scheme = SCHEME.exec(url)?.[1]?.toLowerCase();
  if (scheme === 'sqlite') return parseSqlite(url);
  if ((scheme === 'postgres' || scheme === 'postgresql') && url.slice(scheme.length + 1).startsWith('//')) {
    return parsePostgres(url);
  }
  if (scheme !== undefined) fail(`"${redactDatabaseUrl(url)}" has an unsupported scheme "${scheme}:"`);
  // A bare path is a SQLite file, as in `./data/graphsoc.db`.
  return parseSqlite(`sqlite:${url}`);
}

function parseSqlite(url: string): SqliteTarget {
  let path = url.slice('sqlite:'.length);
  if (path.startsWith('//')) {
    // sqlite:///abs/path is the URL spelling of /abs/path; sqlite://name would name a host.
    if (!path.startsWith('///'))
      fail(`"${url}" names a host; use sqlite:./relative.db or sqlite:///absolute.db`);
    path = path.slice(2);
  }
  if (path === '') fail(`"${url}" names no file`);
  // SQLite URI parameters (?mode=ro) are not supported; a `?` here would become part of the file name.
  if (/[?#]/.test(path)) fail(`"${url}" has a query or fragment, which SQLite paths do not take`);
  return { dialect: 'sqlite', path, display: url };
}

function parsePostgres(url: string): PostgresTarget {
  const display = redactDatabaseUrl(url);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    fail(`"${display}" is not a valid URL (check the port, and percent-encode special characters)`);
  }
  if (!parsed.hostname && !parsed.searchParams.get('host')) fail(`"${display}" names no host`);
  const schemas = parsed.searchParams.getAll('schema');
  const optionSets = parsed.searchParams.getAll('options');
  if (schemas.length > 1 || optionSets.length > 1)
    fail(`"${display}" repeats the schema or options parameter`);
  const schema = schemas[0];
  if (schema !== undefined && (!SCHEMA_NAME.test(schema) || schema.startsWith('pg_'))) {
    throw new DatabaseUrlError(
      `database.url "${display}": schema "${schema}" is not allowed; expected lower-case letters, digits and _ (at most 63, not starting with pg_)`,
    );
  }
  // Hand pg the URL as written unless we must take a parameter out: re-serialising can change how
  // an oddly encoded password reads.
  let connectionString = url;
  if (schemas.length + optionSets.length > 0) {
    parsed.searchParams.delete('schema');
    parsed.searchParams.delete('options');
    connectionString = parsed.toString();
  }
  return {
    dialect: 'postgres',
    connectionString,
    schema,
    options: optionSets[0],
    display,
    scrub: scrubber(url),
  };
}

function scrubber(url: string): (text: string) => string {
  const password = credentials(url)?.password ?? '';
  const forms = new Set([password]);
  try {
    forms.add(decodeURIComponent(password));
  } catch {
    // not percent-encoded; the raw form is enough
  }
  // Very short passwords are left alone: replacing them would mangle ordinary words in the message.
  const secrets = [...forms].filter((s) => s.length >= 4);
  return (text) => secrets.reduce((t, s) => t.split(s).join('[redacted]'), text);
}
