// One row per run of a source's read and of each (source, sink) reconciliation: when, what it did
// (counts as JSON), how it ended. The dashboard and `intel status` read the latest per pair.
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../platform/db/index.js';
import { type IntelDb, type IntelRunsTable, intelDb } from './tables.js';

export type RunOutcome = 'running' | 'ok' | 'refused' | 'failed';

export interface RunRow {
  id: number;
  source: string;
  sink: string | null;
  startedAt: number;
  finishedAt: number | null;
  dryRun: boolean;
  outcome: RunOutcome;
  counts: unknown;
  error: string | null;
}

/** Runs older than this many per pair are deleted as new ones finish. */
const KEEP_PER_PAIR = 200;

export class IntelRuns {
  readonly #db: IntelDb;
  constructor(db: Kysely<Database>) {
    this.#db = intelDb(db);
  }

  async start(source: string, sink: string | null, startedAt: number, dryRun: boolean): Promise<number> {
    const row = await this.#db
      .insertInto('intel_runs')
      .values({
        source,
        sink,
        started_at: startedAt,
        finished_at: null,
        dry_run: dryRun ? 1 : 0,
        outcome: 'running',
        counts: '{}',
        error: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }

  async finish(
    id: number,
    finishedAt: number,
    outcome: RunOutcome,
    counts: unknown,
    error?: string,
  ): Promise<void> {
    const run = await this.#db
      .updateTable('intel_runs')
      .set({ finished_at: finishedAt, outcome, counts: JSON.stringify(counts), error: error ?? null })
      .where('id', '=', id)
      .returning(['source', 'sink'])
      .executeTakeFirst();
    if (!run) return;
    let old = this.#db.selectFrom('intel_runs').select('id').where('source', '=', run.source);
    old = run.sink === null ? old.where('sink', 'is', null) : old.where('sink', '=', run.sink);
    const cutoff = await old.orderBy('id', 'desc').offset(KEEP_PER_PAIR).limit(1).executeTakeFirst();
    if (cutoff) {
      let del = this.#db
        .deleteFrom('intel_runs')
        .where('source', '=', run.source)
        .where('id', '<=', cutoff.id);
      del = run.sink === null ? del.where('sink', 'is', null) : del.where('sink', '=', run.sink);
      await del.execute();
    }
  }

  /** The latest run of every (source, sink) and of every source's read. */
  async latest(): Promise<RunRow[]> {
    const rows = await this.#db
      .selectFrom('intel_runs as r')
      .selectAll()
      .where('r.id', 'in', (eb) =>
        eb
          .selectFrom('intel_runs')
          .select((e) => e.fn.max('id').as('id'))
          .groupBy(['source', 'sink']),
      )
      .orderBy('source')
      .orderBy('sink')
      .execute();
    return rows.map(toRow);
  }

  /**
   * When each read and each pair last finished a run that was not a dry run and did not fail, keyed
   * `source|sink` (`source|` for a read): one query for the whole dashboard panel.
   */
  async lastSuccesses(): Promise<Map<string, number>> {
    const rows = await this.#db
      .selectFrom('intel_runs')
      .select((eb) => ['source', 'sink', eb.fn.max('finished_at').as('at')])
      .where('dry_run', '=', 0)
      .where('outcome', 'in', ['ok', 'refused'])
      .groupBy(['source', 'sink'])
      .execute();
    return new Map(rows.map((r) => [`${r.source}|${r.sink ?? ''}`, Number(r.at)]));
  }

  /** Sink runs that finished at or after `since` and were not dry runs, oldest first (the console's chart). */
  async finishedSince(since: number): Promise<RunRow[]> {
    const rows = await this.#db
      .selectFrom('intel_runs')
      .selectAll()
      .where('sink', 'is not', null)
      .where('dry_run', '=', 0)
      .where('finished_at', '>=', since)
      .orderBy('finished_at')
      .execute();
    return rows.map(toRow);
  }

  /** The latest finished run that was not a dry run, of one pair: where the next one's lag counts from. */
  async lastCompleted(source: string, sink: string | null): Promise<RunRow | undefined> {
    let q = this.#db
      .selectFrom('intel_runs')
      .selectAll()
      .where('source', '=', source)
      .where('dry_run', '=', 0)
      .where('outcome', 'in', ['ok', 'refused']);
    q = sink === null ? q.where('sink', 'is', null) : q.where('sink', '=', sink);
    const row = await q.orderBy('id', 'desc').limit(1).executeTakeFirst();
    return row ? toRow(row) : undefined;
  }
}

function toRow(r: Selectable<IntelRunsTable>): RunRow {
  return {
    id: Number(r.id),
    source: r.source,
    sink: r.sink,
    startedAt: Number(r.started_at),
    finishedAt: r.finished_at === null ? null : Number(r.finished_at),
    dryRun: Number(r.dry_run) === 1,
    outcome: r.outcome as RunOutcome,
    counts: JSON.parse(r.counts),
    error: r.error,
  };
}
