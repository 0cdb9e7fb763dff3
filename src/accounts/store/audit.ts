// The accounts audit log: append-only rows of every decision and every directory change, written in
// the same transaction as the change they describe where there is one. Read per request (the
// console's request page), by page (the audit page, the CSV export) and purged by age only.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/index.js';
import { type AccountsDb, type AccountsTables, accountsDb } from './tables.js';

/** Action codes: `request.*` decisions, `directory.*` changes in the tenant, `person.*` what the person did. */
export const AUDIT_ACTIONS = [
  'request.filed',
  'request.approved',
  'request.denied',
  'request.retried',
  'request.cancelled',
  'request.failed',
  'request.done',
  'request.imported',
  'directory.upn-chosen',
  'directory.user-created',
  'directory.user-adopted',
  'directory.licence-assigned',
  'directory.member-added',
  'directory.group-created',
  'directory.group-adopted',
  'directory.credential-issued',
  'directory.user-disabled',
  'directory.user-deleted',
  'mail.sent',
  'person.verified',
  'expiry.notified',
  'expiry.extended',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditInput {
  requestId: string | null;
  /** `system`, `person`, or the console user's name. */
  actor: string;
  action: AuditAction;
  detail?: Record<string, unknown>;
}

export interface AuditRow {
  id: number;
  at: number;
  requestId: string | null;
  actor: string;
  action: string;
  detail: Record<string, unknown> | null;
}

type Writer = Kysely<Database & AccountsTables> | Transaction<Database & AccountsTables>;

/** Appends one entry through `db`, which may be a transaction the caller's change runs in. */
export async function appendAudit(db: Writer, entry: AuditInput, at: number): Promise<void> {
  await db
    .insertInto('accounts_audit')
    .values({
      at,
      request_id: entry.requestId,
      actor: entry.actor,
      action: entry.action,
      detail: entry.detail === undefined ? null : JSON.stringify(entry.detail),
    })
    .execute();
}

export class AccountsAudit {
  readonly #db: AccountsDb;
  readonly #clock: () => number;
  constructor(db: Kysely<Database>, clock: () => number = Date.now) {
    this.#db = accountsDb(db);
    this.#clock = clock;
  }

  append(entry: AuditInput): Promise<void> {
    return appendAudit(this.#db, entry, this.#clock());
  }

  /** One request's history, oldest first. */
  async forRequest(requestId: string): Promise<AuditRow[]> {
    const rows = await this.#db
      .selectFrom('accounts_audit')
      .selectAll()
      .where('request_id', '=', requestId)
      .orderBy('id', 'asc')
      .execute();
    return rows.map(toRow);
  }

  /** Newest first, `limit` rows with ids below `before`. */
  async page(opts: { before?: number; limit: number; action?: string }): Promise<AuditRow[]> {
    let q = this.#db.selectFrom('accounts_audit').selectAll();
    if (opts.before !== undefined) q = q.where('id', '<', opts.before);
    if (opts.action !== undefined) q = q.where('action', '=', opts.action);
    const rows = await q.orderBy('id', 'desc').limit(opts.limit).execute();
    return rows.map(toRow);
  }

  /** Deletes entries older than `before`; returns how many went. */
  async purge(before: number): Promise<number> {
    const r = await this.#db.deleteFrom('accounts_audit').where('at', '<', before).executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}

function toRow(r: {
  id: number;
  at: number;
  request_id: string | null;
  actor: string;
  action: string;
  detail: string | null;
}): AuditRow {
  return {
    id: Number(r.id),
    at: Number(r.at),
    requestId: r.request_id,
    actor: r.actor,
    action: r.action,
    detail: r.detail === null ? null : (JSON.parse(r.detail) as Record<string, unknown>),
  };
}
