// Counts of requests over time for the console's overview chart: how many were filed in each bucket
// (a UTC day), by where they came from. One grouped query; the bucket is integer division in both
// dialects, with our own numbers as literals so PostgreSQL matches the GROUP BY with the select.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../platform/db/index.js';
import type { RequestSource } from '../model/request.js';
import { type AccountsDb, accountsDb } from './tables.js';

export class RequestStats {
  readonly #db: AccountsDb;
  constructor(db: Kysely<Database>) {
    this.#db = accountsDb(db);
  }

  /** Requests filed per bucket from `from`, one series per source (missing sources are all zero). */
  async filed(from: number, stepMs: number, buckets: number): Promise<Record<RequestSource, number[]>> {
    const b = sql<number>`(${sql.ref('created_at')} - ${sql.lit(Math.trunc(from))}) / ${sql.lit(Math.trunc(stepMs))}`;
    const rows = await this.#db
      .selectFrom('accounts_requests')
      .select((eb) => [b.as('b'), 'source', eb.fn.countAll<number>().as('n')])
      .where('created_at', '>=', from)
      .where('created_at', '<', from + stepMs * buckets)
      .groupBy([b, 'source'])
      .execute();
    const zero = () => new Array<number>(buckets).fill(0);
    const out: Record<RequestSource, number[]> = { portal: zero(), import: zero(), console: zero() };
    for (const r of rows) {
      const i = Math.floor(Number(r.b));
      const series = out[r.source];
      if (series && i >= 0 && i < buckets) series[i] = (series[i] ?? 0) + Number(r.n);
    }
    return out;
  }
}
