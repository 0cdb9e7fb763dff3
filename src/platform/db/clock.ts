// A time inside one statement, by the clock every instance agrees on: on PostgreSQL (many instances)
// the database server's, so instances with skewed clocks still agree on what has expired; on SQLite
// (one process) the local clock.
import { type Expression, sql } from 'kysely';
import type { Dialect } from './url.js';

/** `now` and `now + ms`, read once so they agree to the millisecond. */
export interface Stamp {
  now: Expression<number>;
  plus(ms: number): Expression<number>;
}

// statement_timestamp() is the server's clock when the statement arrived: fresh for every statement,
// yet one value however often a statement uses it (clock_timestamp() would differ between columns).
const PG_NOW = sql<number>`floor(extract(epoch from statement_timestamp()) * 1000)::bigint`;

export function statementStamp(dialect: Dialect | undefined, localClock: () => number): Stamp {
  if (dialect === 'postgres') return { now: PG_NOW, plus: (ms) => sql<number>`${PG_NOW} + ${ms}` };
  const now = localClock();
  return { now: sql.val(now), plus: (ms) => sql.val(now + ms) };
}
