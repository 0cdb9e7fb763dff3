// Bulk CSV imports: one accounts_imports row per file, the refused rows in accounts_import_refusals,
// and the accepted rows as requests (import_id, import_row) in accounts_requests. Read back as a list
// (newest first), one import with its counts per state, and its per-row results in row order, keyset
// paged by row number across the refusals and the requests together.
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/index.js';
import { type AccountRequest, toRequest } from './request-row.js';
import { type AccountsDb, accountsDb } from './tables.js';

export interface AccountImport {
  id: number;
  createdBy: string;
  createdAt: number;
  fileName: string;
  template: string;
  rows: number;
  accepted: number;
  refused: number;
}

export interface ImportRefusal {
  row: number;
  code: string;
  message: string;
  address: string | null;
}

/** One row's outcome: refused, or the request it became. */
export type ImportResult = { row: number; refusal: ImportRefusal } | { row: number; request: AccountRequest };

export class AccountImports {
  readonly #db: AccountsDb;
  readonly #clock: () => number;
  constructor(db: Kysely<Database>, clock: () => number = Date.now) {
    this.#db = accountsDb(db);
    this.#clock = clock;
  }

  /** A new import of `rows` rows; its counts are set by finish() once every row is handled. */
  async create(input: {
    createdBy: string;
    fileName: string;
    template: string;
    rows: number;
  }): Promise<number> {
    const row = await this.#db
      .insertInto('accounts_imports')
      .values({
        created_by: input.createdBy,
        created_at: this.#clock(),
        file_name: input.fileName,
        template: input.template,
        rows: input.rows,
        accepted: 0,
        refused: 0,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }

  async refuse(importId: number, r: ImportRefusal): Promise<void> {
    await this.#db
      .insertInto('accounts_import_refusals')
      .values({ import_id: importId, row: r.row, code: r.code, message: r.message, address: r.address })
      .execute();
  }

  async finish(importId: number, counts: { accepted: number; refused: number }): Promise<void> {
    await this.#db
      .updateTable('accounts_imports')
      .set({ accepted: counts.accepted, refused: counts.refused })
      .where('id', '=', importId)
      .execute();
  }

  /**
   * Deletes imports made before `before` with their refused rows; the requests they filed stay (each
   * under its own retention) and keep their import number. Returns how many imports went.
   */
  async purge(before: number): Promise<number> {
    return this.#db.transaction().execute(async (trx) => {
      const old = trx.selectFrom('accounts_imports').select('id').where('created_at', '<', before);
      await trx.deleteFrom('accounts_import_refusals').where('import_id', 'in', old).execute();
      const r = await trx.deleteFrom('accounts_imports').where('created_at', '<', before).executeTakeFirst();
      return Number(r.numDeletedRows);
    });
  }

  async get(id: number): Promise<AccountImport | undefined> {
    const r = await this.#db
      .selectFrom('accounts_imports')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return r ? toImport(r) : undefined;
  }

  /** Newest first, `limit` imports with ids below `before`. */
  async page(opts: { before?: number; limit: number }): Promise<AccountImport[]> {
    let q = this.#db.selectFrom('accounts_imports').selectAll();
    if (opts.before !== undefined) q = q.where('id', '<', opts.before);
    const rows = await q.orderBy('id', 'desc').limit(opts.limit).execute();
    return rows.map(toImport);
  }

  /** Rows after `afterRow`, in row order, at most `limit`: refusals and requests merged. */
  async results(importId: number, opts: { afterRow?: number; limit: number }): Promise<ImportResult[]> {
    const after = opts.afterRow ?? 0;
    const [refusals, requests] = await Promise.all([
      this.#db
        .selectFrom('accounts_import_refusals')
        .selectAll()
        .where('import_id', '=', importId)
        .where('row', '>', after)
        .orderBy('row')
        .limit(opts.limit)
        .execute(),
      this.#db
        .selectFrom('accounts_requests')
        .selectAll()
        .where('import_id', '=', importId)
        .where('import_row', '>', after)
        .orderBy('import_row')
        .limit(opts.limit)
        .execute(),
    ]);
    const merged: ImportResult[] = [
      ...refusals.map((r) => ({
        row: Number(r.row),
        refusal: { row: Number(r.row), code: r.code, message: r.message, address: r.address },
      })),
      ...requests.map((r) => ({ row: Number(r.import_row), request: toRequest(r) })),
    ];
    return merged.sort((a, b) => a.row - b.row).slice(0, opts.limit);
  }
}

function toImport(r: {
  id: number;
  created_by: string;
  created_at: number;
  file_name: string;
  template: string;
  rows: number;
  accepted: number;
  refused: number;
}): AccountImport {
  return {
    id: Number(r.id),
    createdBy: r.created_by,
    createdAt: Number(r.created_at),
    fileName: r.file_name,
    template: r.template,
    rows: Number(r.rows),
    accepted: Number(r.accepted),
    refused: Number(r.refused),
  };
}
