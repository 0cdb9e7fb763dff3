// The console's audit log: who did what, when, from where, and how it ended. Append-only but for
// the retention purge; read newest first in pages, by actor or action.
import type { Kysely, Selectable } from 'kysely';
import type { Database, Store } from '../db/index.js';
import {
  type AuditInput,
  type AuditOutcome,
  detailColumn,
  parseAuditInput,
  readDetail,
} from './audit-record.js';
import { AuditCursorError } from './errors.js';
import { type AuditOptions, auditOptionsSchema, parseOptions } from './options.js';

export interface AuditLogOptions extends Partial<AuditOptions> {
  /** Epoch milliseconds; tests inject one. */
  clock?: () => number;
}

export interface AuditEntry {
  /** Opaque; list({before: id}) continues after this entry. */
  id: string;
  at: number;
  actor: { subject: string; name: string } | null;
  action: string;
  target: string | null;
  ip: string;
  userAgent: string;
  outcome: AuditOutcome;
  detail: unknown;
}

export interface AuditQuery {
  /** Entries at or after this time, epoch ms. */
  since?: number;
  /** One person's entries (their subject). */
  actor?: string;
  /** One action code's entries. */
  action?: string;
  /** Entries per page: 1 to MAX_AUDIT_PAGE, default 50. */
  limit?: number;
  /** The `next` of the page before. */
  before?: string;
}

export const MAX_AUDIT_PAGE = 500;

export class AuditLog {
  readonly #db: Kysely<Database>;
  readonly #clock: () => number;
  readonly #o: AuditOptions;

  constructor(store: Pick<Store, 'db'>, opts: AuditLogOptions = {}) {
    const { clock, ...rest } = opts;
    this.#o = parseOptions('audit log', auditOptionsSchema, rest);
    this.#db = store.db;
    this.#clock = clock ?? Date.now;
  }

  /** Writes one entry; returns its id. */
  async append(input: AuditInput): Promise<string> {
    const e = parseAuditInput(input);
    const row = await this.#db
      .insertInto('console_audit')
      .values({
        at: e.at ?? this.#clock(),
        actor_subject: e.actor?.subject ?? null,
        actor_name: e.actor?.name ?? null,
        action: e.action,
        target: e.target ?? null,
        ip: e.ip,
        user_agent: e.userAgent,
        outcome: e.outcome,
        detail: detailColumn(e.detail, this.#o.maxDetailBytes),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return String(row.id);
  }

  /** A page of entries, newest first, and the cursor of the next page when there may be one. */
  async list(q: AuditQuery = {}): Promise<{ entries: AuditEntry[]; next?: string }> {
    const limit = Math.min(MAX_AUDIT_PAGE, Math.max(1, Math.trunc(q.limit ?? 50)));
    let s = this.#db.selectFrom('console_audit').selectAll();
    if (q.before !== undefined) s = s.where('id', '<', parseCursor(q.before));
    if (q.since !== undefined) s = s.where('at', '>=', q.since);
    if (q.actor !== undefined) s = s.where('actor_subject', '=', q.actor);
    if (q.action !== undefined) s = s.where('action', '=', q.action);
    // Ids grow with every entry on both dialects, so they order pages without ties even when two
    // instances write in the same millisecond.
    const rows = await s
      .orderBy('id', 'desc')
      .limit(limit + 1)
      .execute();
    const entries = rows.slice(0, limit).map(toEntry);
    const last = entries.at(-1);
    return rows.length > limit && last ? { entries, next: last.id } : { entries };
  }

  /** One entry by its id (the console's flash message after an action), or undefined. */
  async get(id: string): Promise<AuditEntry | undefined> {
    if (!/^[1-9]\d{0,14}$/.test(id)) return undefined;
    const row = await this.#db
      .selectFrom('console_audit')
      .selectAll()
      .where('id', '=', Number(id))
      .executeTakeFirst();
    return row ? toEntry(row) : undefined;
  }

  /** Deletes entries older than the retention; how many. Housekeeping runs it now and then. */
  async purge(): Promise<number> {
    const cutoff = this.#clock() - this.#o.retentionDays * 86_400_000;
    const r = await this.#db.deleteFrom('console_audit').where('at', '<', cutoff).executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}

function parseCursor(c: string): number {
  const n = /^[1-9]\d{0,14}$/.test(c) ? Number(c) : Number.NaN;
  if (!Number.isSafeInteger(n)) throw new AuditCursorError();
  return n;
}

function toEntry(r: Selectable<Database['console_audit']>): AuditEntry {
  return {
    id: String(r.id),
    at: r.at,
    actor: r.actor_subject === null ? null : { subject: r.actor_subject, name: r.actor_name ?? '' },
    action: r.action,
    target: r.target,
    ip: r.ip,
    userAgent: r.user_agent,
    outcome: r.outcome as AuditOutcome,
    detail: readDetail(r.detail),
  };
}
