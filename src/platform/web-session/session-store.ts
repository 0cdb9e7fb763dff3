// Console sessions kept in the database, so that every instance sees them and a sign-out ends them
// everywhere. The cookie holds a random id; the table holds only its SHA-256. Expiry follows the
// instance's clock (injectable for tests): a few seconds of skew between instances matter little
// against timeouts of minutes, and the same code then runs on both dialects.
import type { Kysely } from 'kysely';
import type { Database, Store } from '../db/index.js';
import { type SessionMissingReason, SessionRequiredError } from './errors.js';
import { parseOptions, type SessionOptions, sessionOptionsSchema } from './options.js';
import type { Role } from './roles.js';
import { type NewSession, parseNewSession, parseSubject, readRoles } from './session-record.js';
import { hashSessionId, isTokenShaped, newToken } from './tokens.js';

export interface SessionStoreOptions extends Partial<SessionOptions> {
  /** Epoch milliseconds; tests inject one. */
  clock?: () => number;
}

export interface CreatedSession {
  /** Goes into the cookie and nowhere else. */
  id: string;
  /** The session's synchronizer token for forms (see csrf.ts). */
  csrfToken: string;
  /** The absolute end, epoch ms (the cookie's Max-Age follows it). */
  expiresAt: number;
  ref: string;
}

/** A session as the console may show it: `ref` names it (to revoke one) without being able to use it. */
export interface SessionInfo {
  ref: string;
  subject: string;
  name: string;
  roles: Role[];
  ip: string;
  userAgent: string;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
  /** When it ends if unused from now on. */
  idleExpiresAt: number;
}

export interface Session extends SessionInfo {
  csrfToken: string;
}

export type SessionLookup = { session: Session } | { reason: SessionMissingReason };

type Row = Database['console_sessions'];

export class SessionStore {
  readonly #db: Kysely<Database>;
  readonly #clock: () => number;
  readonly #idleMs: number;
  readonly #lifetimeMs: number;
  readonly #touchMs: number;

  constructor(store: Pick<Store, 'db'>, opts: SessionStoreOptions = {}) {
    const { clock, ...rest } = opts;
    const o = parseOptions('session store', sessionOptionsSchema, rest);
    this.#db = store.db;
    this.#clock = clock ?? Date.now;
    this.#idleMs = o.idleTimeoutSec * 1000;
    this.#lifetimeMs = o.absoluteLifetimeSec * 1000;
    this.#touchMs = o.touchEverySec * 1000;
  }

  /** A new session, after a successful sign-in (always a new id: never reuse one from before it). */
  async create(input: NewSession): Promise<CreatedSession> {
    const s = parseNewSession(input);
    const id = newToken();
    const csrfToken = newToken();
    const now = this.#clock();
    const row: Row = {
      id_hash: hashSessionId(id),
      subject: s.subject,
      name: s.name,
      roles: JSON.stringify(s.roles),
      csrf_token: csrfToken,
      ip: s.ip,
      user_agent: s.userAgent,
      created_at: now,
      last_seen_at: now,
      expires_at: now + this.#lifetimeMs,
    };
    await this.#db.insertInto('console_sessions').values(row).execute();
    return { id, csrfToken, expiresAt: row.expires_at, ref: row.id_hash };
  }

  /** The live session of a cookie's id, or why there is none. Renews the idle clock. */
  async lookup(id: string | undefined): Promise<SessionLookup> {
    if (id === undefined || id === '') return { reason: 'none' };
    // A value of another shape was never issued by create(): no need to ask the database.
    if (!isTokenShaped(id)) return { reason: 'unknown' };
    const hash = hashSessionId(id);
    const row = await this.#db
      .selectFrom('console_sessions')
      .selectAll()
      .where('id_hash', '=', hash)
      .executeTakeFirst();
    if (!row) return { reason: 'unknown' };
    const now = this.#clock();
    const ended =
      now >= row.expires_at ? 'expired' : now - row.last_seen_at >= this.#idleMs ? 'idle' : undefined;
    if (ended) {
      await this.#db.deleteFrom('console_sessions').where('id_hash', '=', hash).execute();
      return { reason: ended };
    }
    let lastSeenAt = row.last_seen_at;
    if (now - lastSeenAt >= this.#touchMs) {
      // Conditional, so two instances touching at once, or one whose clock lags, never move it back.
      await this.#db
        .updateTable('console_sessions')
        .set({ last_seen_at: now })
        .where('id_hash', '=', hash)
        .where('last_seen_at', '<', now)
        .execute();
      lastSeenAt = now;
    }
    return { session: { ...this.#info({ ...row, last_seen_at: lastSeenAt }), csrfToken: row.csrf_token } };
  }

  /** The live session of a cookie's id, or undefined. */
  async get(id: string | undefined): Promise<Session | undefined> {
    const r = await this.lookup(id);
    return 'session' in r ? r.session : undefined;
  }

  /** The live session, or GSOC_SESSION_REQUIRED (401) with the reason in its details. */
  async requireSession(id: string | undefined): Promise<Session> {
    const r = await this.lookup(id);
    if ('session' in r) return r.session;
    throw new SessionRequiredError(r.reason);
  }

  /** Ends the session of a cookie's id (sign-out here); whether there was one. */
  async revoke(id: string): Promise<boolean> {
    if (!isTokenShaped(id)) return false;
    return this.#deleteWhere('id_hash', hashSessionId(id)).then((n) => n > 0);
  }

  /** Ends one session named by its `ref` (from list()); with `subject`, only if it is that person's. */
  async revokeRef(ref: string, subject?: string): Promise<boolean> {
    let q = this.#db.deleteFrom('console_sessions').where('id_hash', '=', ref);
    if (subject !== undefined) q = q.where('subject', '=', parseSubject(subject));
    const r = await q.executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  /** Ends every session of a person on every instance (sign-out everywhere, a removed account). */
  async revokeSubject(subject: string): Promise<number> {
    return this.#deleteWhere('subject', parseSubject(subject));
  }

  /** Live sessions, newest first; of one person when `subject` is given. */
  async list(subject?: string): Promise<SessionInfo[]> {
    const now = this.#clock();
    let q = this.#db
      .selectFrom('console_sessions')
      .selectAll()
      .where('expires_at', '>', now)
      .where('last_seen_at', '>', now - this.#idleMs);
    if (subject !== undefined) q = q.where('subject', '=', parseSubject(subject));
    const rows = await q.orderBy('created_at', 'desc').orderBy('id_hash').execute();
    return rows.map((r) => this.#info(r));
  }

  /** Deletes the sessions past either end; how many. Housekeeping runs it now and then. */
  async purge(): Promise<number> {
    const now = this.#clock();
    const r = await this.#db
      .deleteFrom('console_sessions')
      .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', now - this.#idleMs)]))
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  async #deleteWhere(column: 'id_hash' | 'subject', value: string): Promise<number> {
    const r = await this.#db.deleteFrom('console_sessions').where(column, '=', value).executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  #info(r: Row): SessionInfo {
    return {
      ref: r.id_hash,
      subject: r.subject,
      name: r.name,
      roles: readRoles(r.roles),
      ip: r.ip,
      userAgent: r.user_agent,
      createdAt: r.created_at,
      lastSeenAt: r.last_seen_at,
      expiresAt: r.expires_at,
      idleExpiresAt: Math.min(r.expires_at, r.last_seen_at + this.#idleMs),
    };
  }
}
