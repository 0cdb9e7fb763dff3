// The requests repository: filing, the decisions (approve, deny, retry, cancel), the provisioning
// unit's queue and its step records, and the account lifecycle marks. Every transition is one
// conditional UPDATE (`where state = …`), so of two administrators or two instances acting at once
// exactly one wins and the other gets RequestStateError; each writes its audit entry in the same
// transaction.
import { randomBytes } from 'node:crypto';
import { type Kysely, sql, type Updateable } from 'kysely';
import { type Database, isUniqueViolation } from '../../platform/db/index.js';
import { DuplicateRequestError, RequestNotFoundError, RequestStateError } from '../errors.js';
import { firstStep, nextStep, type RequestState, type Step } from '../model/request.js';
import { type AuditAction, appendAudit } from './audit.js';
import { type AccountRequest, type NewRequest, toRequest } from './request-row.js';
import { type AccountsDb, type AccountsRequestsTable, accountsDb } from './tables.js';

export type { AccountRequest, NewRequest } from './request-row.js';

/** What a step may record on the row besides moving on. */
export type StepChanges = Partial<
  Pick<AccountsRequestsTable, 'upn' | 'user_id' | 'group_id' | 'group_nickname' | 'expires_at'>
>;

export interface RequestPageQuery {
  state?: RequestState;
  /** Keyset: rows created before this (created_at, id). */
  before?: { createdAt: number; id: string };
  importId?: number;
  /** Prefix of the address, the UPN or the surname (lower-case compare). */
  search?: string;
  limit: number;
}

export const newRequestId = (): string => randomBytes(12).toString('base64url');

export class AccountRequests {
  readonly #db: AccountsDb;
  readonly #clock: () => number;
  constructor(db: Kysely<Database>, clock: () => number = Date.now) {
    this.#db = accountsDb(db);
    this.#clock = clock;
  }

  /**
   * Files a request (audited as `request.filed`, or `request.imported`); DuplicateRequestError when
   * the address already has a live account under the template.
   */
  async file(input: NewRequest, actor: string): Promise<AccountRequest> {
    const now = this.#clock();
    const id = newRequestId();
    try {
      return await this.#db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('accounts_requests')
          .values({
            id,
            kind: input.kind,
            template: input.template,
            address: input.address,
            given_name: input.givenName,
            surname: input.surname,
            locale: input.locale,
            group_id: input.groupId ?? null,
            group_name: input.groupName ?? null,
            group_kind: input.groupKind ?? null,
            group_description: input.groupDescription ?? null,
            group_nickname: null,
            state: input.approved ? 'approved' : 'pending',
            step: input.approved ? firstStep(input.kind) : null,
            upn: null,
            user_id: null,
            source: input.source,
            import_id: input.importId ?? null,
            import_row: input.importRow ?? null,
            attempts: 0,
            next_attempt_at: now,
            error: null,
            reason: null,
            decided_by: input.approved ? (input.decidedBy ?? 'policy') : null,
            decided_at: input.approved ? now : null,
            created_at: now,
            updated_at: now,
            finished_at: null,
            expires_at: null,
            expiry_notified_at: null,
            disabled_at: null,
            deleted_at: null,
            credential_viewed_at: null,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        const action: AuditAction = input.source === 'import' ? 'request.imported' : 'request.filed';
        await appendAudit(
          trx,
          {
            requestId: id,
            actor,
            action,
            detail: { kind: input.kind, template: input.template, approved: input.approved },
          },
          now,
        );
        return toRequest(row);
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw new DuplicateRequestError(input.template);
      throw e;
    }
  }

  async get(id: string): Promise<AccountRequest | undefined> {
    const row = await this.#db
      .selectFrom('accounts_requests')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toRequest(row) : undefined;
  }

  async load(id: string): Promise<AccountRequest> {
    const r = await this.get(id);
    if (!r) throw new RequestNotFoundError(id);
    return r;
  }

  /** The person's own requests (the status page), newest first. */
  async byAddress(address: string, limit = 50): Promise<AccountRequest[]> {
    const rows = await this.#db
      .selectFrom('accounts_requests')
      .selectAll()
      .where('address', '=', address)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toRequest);
  }

  /** Newest first, keyset paged: the console's list and the CSV export. */
  async page(q: RequestPageQuery): Promise<AccountRequest[]> {
    let s = this.#db.selectFrom('accounts_requests').selectAll();
    if (q.state !== undefined) s = s.where('state', '=', q.state);
    if (q.importId !== undefined) s = s.where('import_id', '=', q.importId);
    if (q.search !== undefined && q.search !== '') {
      const prefix = `${q.search.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`;
      // SQLite's LIKE has no escape character unless one is named; PostgreSQL's is `\` by default.
      const like = (column: 'address' | 'upn' | 'surname') =>
        sql<boolean>`lower(${sql.ref(column)}) like ${prefix} escape '\\'`;
      s = s.where((eb) => eb.or([like('address'), like('upn'), like('surname')]));
    }
    if (q.before !== undefined) {
      const b = q.before;
      s = s.where((eb) =>
        eb.or([
          eb('created_at', '<', b.createdAt),
          eb.and([eb('created_at', '=', b.createdAt), eb('id', '<', b.id)]),
        ]),
      );
    }
    const rows = await s.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(q.limit).execute();
    return rows.map(toRequest);
  }

  /** Requests per state: all of them (the console's tabs, the overview) or one import's (its progress). */
  async counts(filter: { importId?: number } = {}): Promise<Record<RequestState, number>> {
    let q = this.#db
      .selectFrom('accounts_requests')
      .select(['state', (eb) => eb.fn.countAll<number>().as('n')]);
    if (filter.importId !== undefined) q = q.where('import_id', '=', filter.importId);
    const rows = await q.groupBy('state').execute();
    const out: Record<RequestState, number> = {
      pending: 0,
      approved: 0,
      done: 0,
      failed: 0,
      denied: 0,
      cancelled: 0,
    };
    for (const r of rows) out[r.state] = Number(r.n);
    return out;
  }

  /** pending → approved, queued now. */
  approve(id: string, by: string): Promise<AccountRequest> {
    return this.#transition(id, ['pending'], by, 'request.approved', (r, now) => ({
      state: 'approved',
      step: firstStep(r.kind),
      decided_by: by,
      decided_at: now,
      next_attempt_at: now,
    }));
  }

  /** pending → denied, with the administrator's reason. */
  deny(id: string, by: string, reason: string): Promise<AccountRequest> {
    return this.#transition(
      id,
      ['pending'],
      by,
      'request.denied',
      (_r, now) => ({ state: 'denied', decided_by: by, decided_at: now, reason, finished_at: now }),
      { reason },
    );
  }

  /** failed → approved at the step it failed on, its tries reset. */
  retry(id: string, by: string): Promise<AccountRequest> {
    return this.#transition(id, ['failed'], by, 'request.retried', (_r, now) => ({
      state: 'approved',
      attempts: 0,
      error: null,
      reason: null,
      next_attempt_at: now,
      finished_at: null,
    }));
  }

  /** pending → cancelled by the person. */
  cancel(id: string, address: string): Promise<AccountRequest> {
    return this.#transition(id, ['pending'], 'person', 'request.cancelled', (r, now) => {
      if (r.address !== address) throw new RequestNotFoundError(id);
      return { state: 'cancelled', finished_at: now };
    });
  }

  /** Approved requests due now, oldest due first: the provisioning unit's next batch. */
  async due(limit: number): Promise<AccountRequest[]> {
    const rows = await this.#db
      .selectFrom('accounts_requests')
      .selectAll()
      .where('state', '=', 'approved')
      .where('next_attempt_at', '<=', this.#clock())
      .orderBy('next_attempt_at')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map(toRequest);
  }

  /** When the next approved request is due (to sleep until then), or undefined when none is queued. */
  async nextDue(): Promise<number | undefined> {
    const row = await this.#db
      .selectFrom('accounts_requests')
      .select((eb) => eb.fn.min('next_attempt_at').as('at'))
      .where('state', '=', 'approved')
      .executeTakeFirst();
    return row?.at == null ? undefined : Number(row.at);
  }

  /**
   * Records what a step found or made without moving on (the `upn` step's chosen name before the
   * user is created, the group step's nickname before POST /groups). False when the request is no
   * longer at that step (someone else moved it).
   */
  async record(
    id: string,
    step: Step,
    changes: StepChanges,
    audit?: { action: AuditAction; detail?: Record<string, unknown> },
  ): Promise<boolean> {
    return this.#stepWrite(id, step, changes, audit);
  }

  /**
   * Marks `step` done with what it made and names the next; after the last step the request is
   * done. Returns false when the request is not at `step` any more.
   */
  async complete(
    id: string,
    kind: AccountRequest['kind'],
    step: Step,
    changes: StepChanges,
    audit?: { action: AuditAction; detail?: Record<string, unknown> },
  ): Promise<boolean> {
    const next = nextStep(kind, step);
    const now = this.#clock();
    const moves: Updateable<AccountsRequestsTable> =
      next === null
        ? { state: 'done', step: null, finished_at: now, attempts: 0, error: null, next_attempt_at: now }
        : { step: next, attempts: 0, error: null, next_attempt_at: now };
    return this.#db.transaction().execute(async (trx) => {
      const r = await trx
        .updateTable('accounts_requests')
        .set({ ...changes, ...moves, updated_at: now })
        .where('id', '=', id)
        .where('state', '=', 'approved')
        .where('step', '=', step)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return false;
      if (audit) await appendAudit(trx, { requestId: id, actor: 'system', ...audit }, now);
      if (next === null)
        await appendAudit(trx, { requestId: id, actor: 'system', action: 'request.done' }, now);
      return true;
    });
  }

  /** A transient failure of `step`: counted, tried again at `retryAt`. */
  async postpone(id: string, step: Step, error: string, retryAt: number): Promise<boolean> {
    const r = await this.#db
      .updateTable('accounts_requests')
      .set((eb) => ({
        attempts: eb('attempts', '+', 1),
        error,
        next_attempt_at: retryAt,
        updated_at: this.#clock(),
      }))
      .where('id', '=', id)
      .where('state', '=', 'approved')
      .where('step', '=', step)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Gives up at `step` (a refusal a retry will not fix, or too many tries): failed, with the reason. */
  async fail(id: string, step: Step, error: string, reason: string): Promise<boolean> {
    const now = this.#clock();
    return this.#db.transaction().execute(async (trx) => {
      const r = await trx
        .updateTable('accounts_requests')
        .set({ state: 'failed', error, reason, finished_at: now, updated_at: now })
        .where('id', '=', id)
        .where('state', '=', 'approved')
        .where('step', '=', step)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return false;
      await appendAudit(
        trx,
        { requestId: id, actor: 'system', action: 'request.failed', detail: { step, reason, error } },
        now,
      );
      return true;
    });
  }

  /** Sets lifecycle marks on a done request (expiry notices, disabling, deletion, credential views). */
  async mark(
    id: string,
    changes: Partial<
      Pick<
        AccountsRequestsTable,
        'expiry_notified_at' | 'disabled_at' | 'deleted_at' | 'expires_at' | 'credential_viewed_at'
      >
    >,
    audit?: { actor: string; action: AuditAction; detail?: Record<string, unknown> },
  ): Promise<void> {
    const now = this.#clock();
    await this.#db.transaction().execute(async (trx) => {
      await trx
        .updateTable('accounts_requests')
        .set({ ...changes, updated_at: now })
        .where('id', '=', id)
        .execute();
      if (audit) await appendAudit(trx, { requestId: id, ...audit }, now);
    });
  }

  /**
   * Takes the one view of a done account's first credential: true for exactly one caller however
   * many confirm a code at once. The caller makes the credential after this, and gives the view back
   * with releaseCredential when making it failed.
   */
  async claimCredential(id: string, at: number): Promise<boolean> {
    const r = await this.#db
      .updateTable('accounts_requests')
      .set({ credential_viewed_at: at, updated_at: at })
      .where('id', '=', id)
      .where('state', '=', 'done')
      .where('credential_viewed_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Undoes the claim made at `at` (the credential could not be made), so the person may try again. */
  async releaseCredential(id: string, at: number): Promise<void> {
    await this.#db
      .updateTable('accounts_requests')
      .set({ credential_viewed_at: null })
      .where('id', '=', id)
      .where('credential_viewed_at', '=', at)
      .execute();
  }

  /** Done account requests whose account lifetime ends before `until` and that still exist. */
  async expiring(until: number, limit: number): Promise<AccountRequest[]> {
    const rows = await this.#db
      .selectFrom('accounts_requests')
      .selectAll()
      .where('state', '=', 'done')
      .where('kind', '=', 'account')
      .where('expires_at', 'is not', null)
      .where('expires_at', '<=', until)
      .where('deleted_at', 'is', null)
      .orderBy('expires_at')
      .limit(limit)
      .execute();
    return rows.map(toRequest);
  }

  /**
   * Deletes finished requests (done with their account deleted, denied, cancelled, failed) last
   * changed before `before`; a done request whose account still exists is kept, since it records
   * which address owns the account.
   */
  async purge(before: number): Promise<number> {
    const r = await this.#db
      .deleteFrom('accounts_requests')
      .where('updated_at', '<', before)
      .where((eb) =>
        eb.or([
          eb('state', 'in', ['denied', 'cancelled', 'failed']),
          eb.and([
            eb('state', '=', 'done'),
            eb.or([eb('deleted_at', 'is not', null), eb('kind', '!=', 'account')]),
          ]),
        ]),
      )
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  async #stepWrite(
    id: string,
    step: Step,
    changes: StepChanges,
    audit?: { action: AuditAction; detail?: Record<string, unknown> },
  ): Promise<boolean> {
    const now = this.#clock();
    try {
      return await this.#db.transaction().execute(async (trx) => {
        let q = trx
          .updateTable('accounts_requests')
          .set({ ...changes, updated_at: now })
          .where('id', '=', id)
          .where('state', '=', 'approved')
          .where('step', '=', step);
        // A group's nickname is planned once: of two workers planning it at once only one goes on to
        // create the group (a security group has no nickname conflict in Graph to stop the second).
        if (changes.group_nickname !== undefined) q = q.where('group_nickname', 'is', null);
        const r = await q.executeTakeFirst();
        if (Number(r.numUpdatedRows) !== 1) return false;
        if (audit) await appendAudit(trx, { requestId: id, actor: 'system', ...audit }, now);
        return true;
      });
    } catch (e) {
      // Another live request holds this account name: the caller chooses the next one.
      if (isUniqueViolation(e)) return false;
      throw e;
    }
  }

  async #transition(
    id: string,
    from: readonly RequestState[],
    actor: string,
    action: AuditAction,
    changes: (r: AccountRequest, now: number) => Updateable<AccountsRequestsTable>,
    detail?: Record<string, unknown>,
  ): Promise<AccountRequest> {
    const now = this.#clock();
    return this.#db.transaction().execute(async (trx) => {
      const current = await trx
        .selectFrom('accounts_requests')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      if (!current) throw new RequestNotFoundError(id);
      const request = toRequest(current);
      if (!from.includes(request.state)) throw new RequestStateError(id, request.state, from);
      const row = await trx
        .updateTable('accounts_requests')
        .set({ ...changes(request, now), updated_at: now })
        .where('id', '=', id)
        .where('state', '=', request.state)
        .returningAll()
        .executeTakeFirst();
      // Someone else's transition landed between the read and the write.
      if (!row) throw new RequestStateError(id, 'changed', from);
      await appendAudit(trx, { requestId: id, actor, action, ...(detail ? { detail } : {}) }, now);
      return toRequest(row);
    });
  }
}
